/**
 * The files source: streams each file into the session (discover.ts lists them). Binary and lock files are skipped
 * and reported; large files are streamed, never skipped.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ScanSession } from '../core/session.js';
import { looksBinary, skipsPath } from './file-kinds.js';
import { asUtf8, utf16Of, Utf16ToUtf8 } from './text-encoding.js';

const READ_CHUNK = 1 << 20;

export interface FileTarget {
  absolute: string;
  /** Repository-relative, forward slashes. */
  path: string;
}


/** Drops (and reports) what the configuration ignores and lock files. */
export function filterTargets(session: ScanSession, targets: FileTarget[]): FileTarget[] {
  return targets.filter((t) => !skipsPath(session, t.path));
}

/** Small files are read whole, several ahead of the scanner, so that disk latency overlaps scanning. */
const SMALL_FILE = 4 << 20;
const READ_AHEAD = 16;

type Prefetched = { data: Buffer } | { large: true } | { error: string };

async function prefetch(target: FileTarget): Promise<Prefetched> {
  try {
    const info = await stat(target.absolute);
    if (info.size > SMALL_FILE) return { large: true };
    return { data: await readFile(target.absolute) };
  } catch (err) {
    return { error: (err as NodeJS.ErrnoException).code ?? 'read error' };
  }
}

/** Scans the targets in order; `onFile` is called after each (progress). */
export async function scanFiles(session: ScanSession, targets: FileTarget[], onFile: () => void = () => {}): Promise<void> {
  const pending: Promise<Prefetched>[] = [];
  let next = 0;
  const fill = () => {
    while (next < targets.length && pending.length < READ_AHEAD) pending.push(prefetch(targets[next++]!));
  };
  for (const target of targets) {
    fill();
    const got = await pending.shift()!;
    if ('data' in got) scanBuffer(session, target, got.data);
    else if ('large' in got) await streamFile(session, target);
    else session.skip(target.path, `unreadable (${got.error})`);
    onFile();
  }
}

function scanBuffer(session: ScanSession, target: FileTarget, data: Buffer): void {
  const text = asUtf8(data);
  if (looksBinary(text)) return session.skip(target.path, 'binary file', { addsPath: true });
  const doc = session.document(target.path);
  doc.push(text);
  doc.end();
}

/** Streams a large file into the session in chunks: memory stays bounded whatever its size. */
async function streamFile(session: ScanSession, target: FileTarget): Promise<void> {
  const stream = createReadStream(target.absolute, { highWaterMark: READ_CHUNK });
  let doc: ReturnType<ScanSession['document']> | null = null;
  let utf16: Utf16ToUtf8 | null = null;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!doc) {
        const encoding = utf16Of(chunk);
        if (encoding) utf16 = new Utf16ToUtf8(encoding);
        else if (looksBinary(chunk)) {
          session.skip(target.path, 'binary file', { addsPath: true });
          return;
        }
        doc = session.document(target.path);
      }
      doc.push(utf16 ? utf16.push(chunk) : chunk);
    }
    doc ??= session.document(target.path);
    if (utf16) doc.push(utf16.end());
    doc.end();
  } catch (err) {
    session.skip(target.path, `unreadable (${(err as NodeJS.ErrnoException).code ?? 'read error'})`);
  } finally {
    stream.destroy();
  }
}
