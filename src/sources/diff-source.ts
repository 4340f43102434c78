/**
 * The diff source: feeds a unified diff (from git or a file) through the streaming parser into the session, one
 * document per file holding its added lines and the context lines around them (for `sondier-ignore-next-line`).
 */
import type { Readable } from 'node:stream';
import { LineMap } from '../core/line-map.js';
import type { DocumentHandle, ScanSession } from '../core/session.js';
import { DiffParser } from './diff-parser.js';
import { pathFromDiffLine, type FileHeader } from './diff-headers.js';
import { isLockFile } from './file-kinds.js';

const NEWLINE = Buffer.from('\n');

export async function scanDiffStream(session: ScanSession, input: Readable): Promise<void> {
  let doc: DocumentHandle | null = null;
  let lineMap: LineMap | null = null;
  let first = true;

  const open = (header: FileHeader): void => {
    doc = null;
    const path = header.path ?? (header.deleted ? null : pathFromDiffLine(header.diffLine));
    if (path === null || header.deleted) return;
    header.path = path;
    if (header.binary || header.submodule) return; // reported at fileEnd, once the header is complete
    if (session.policy.ignoresPath(path)) return session.skip(path, 'ignored by paths.ignore in the configuration');
    if (isLockFile(path)) return session.skip(path, 'lock file (generated, not scanned)');
    lineMap = new LineMap();
    doc = session.document(path, lineMap);
    first = true;
  };

  const parser = new DiffParser({
    fileStart: open,
    lineStart(kind, newLine) {
      if (!doc || !lineMap) return;
      if (!first) doc.push(NEWLINE);
      first = false;
      lineMap.push(newLine, kind === 'added');
    },
    lineData(chunk) {
      doc?.push(chunk);
    },
    lineEnd() {},
    fileEnd(header) {
      if (doc) (doc as DocumentHandle).end();
      else if (header.path && !header.deleted && header.binary) session.skip(header.path, 'binary file');
      else if (header.path && !header.deleted && header.submodule) session.skip(header.path, 'submodule (scan it in its own repository)');
      doc = null;
      lineMap = null;
    },
  });
  for await (const chunk of input as AsyncIterable<Buffer>) parser.write(chunk);
  parser.end();
}
