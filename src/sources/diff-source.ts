/**
 * The diff source: feeds a unified diff (from git or a file) through the streaming parser into the session, one
 * document per file holding its added lines and the context lines around them (for `sondier-ignore-next-line`).
 */
import type { Readable } from 'node:stream';
import { LineMap } from '../core/line-map.js';
import type { DocumentHandle, ScanSession } from '../core/session.js';
import { DiffParser } from './diff-parser.js';
import { addsPath, pathFromDiffLine, type FileHeader } from './diff-headers.js';
import { skipsPath } from './file-kinds.js';

const NEWLINE = Buffer.from('\n');
/**
 * A submodule whose work tree is dirty on an unchanged commit shows as `+Subproject commit <sha>-dirty`, with no
 * `index` or mode line to say what it is; its content does.
 */
const SUBPROJECT = /^Subproject commit [0-9a-f]{40,64}(?:-dirty)?$/;

export interface DiffStreamOptions {
  /**
   * A binary file of the diff: true when the caller takes it over (git-diff.ts reads UTF-16 text from its blobs),
   * false to have it listed as skipped.
   */
  binary?: (header: FileHeader) => boolean;
}

export async function scanDiffStream(session: ScanSession, input: Readable, options: DiffStreamOptions = {}): Promise<void> {
  let doc: DocumentHandle | null = null;
  let lineMap: LineMap | null = null;
  let first = true;
  let maybeSubmodule = false; // every line so far reads `Subproject commit …`, and the header had no `index` line
  let lineHead = '';

  const open = (header: FileHeader): void => {
    doc = null;
    lineMap = null;
    maybeSubmodule = false;
    const path = header.path ?? (header.deleted ? null : pathFromDiffLine(header.diffLine));
    if (path === null || header.deleted) return;
    header.path = path;
    if (header.binary || header.submodule || header.combined) return; // reported at fileEnd, header complete
    if (skipsPath(session, path)) return;
    lineMap = new LineMap();
    doc = session.document(path, lineMap, { addsPath: addsPath(header) });
    first = true;
    maybeSubmodule = header.diffLine.startsWith('diff --git ') && !header.index;
  };

  const parser = new DiffParser({
    fileStart: open,
    lineStart(kind, newLine) {
      if (!doc || !lineMap) return;
      if (!first) doc.push(NEWLINE);
      first = false;
      lineMap.push(newLine, kind === 'added');
      lineHead = '';
    },
    lineData(chunk, start, end) {
      doc?.push(chunk, start, end);
      if (maybeSubmodule && lineHead.length < 128) lineHead += chunk.toString('latin1', start, Math.min(end, start + 128));
    },
    lineEnd() {
      if (maybeSubmodule && !SUBPROJECT.test(lineHead)) maybeSubmodule = false;
    },
    fileEnd(header) {
      if (doc && lineMap && maybeSubmodule && lineMap.lineCount > 0) {
        // Left unended, the document adds nothing to the session (files, bytes and findings count at its end).
        session.skip(header.path!, 'submodule (scan it in its own repository)');
      } else if (doc) {
        doc.end();
      } else if (header.path && !header.deleted && header.binary) {
        if (!options.binary?.(header)) session.skip(header.path, 'binary file', { addsPath: addsPath(header) });
      }
      else if (header.path && !header.deleted && header.submodule) session.skip(header.path, 'submodule (scan it in its own repository)');
      else if (header.path && !header.deleted && header.combined) {
        session.skip(header.path, 'combined diff of a merge (not scanned; diff the merge against one parent)');
      }
      doc = null;
      lineMap = null;
    },
  });
  for await (const chunk of input as AsyncIterable<Buffer>) parser.write(chunk);
  parser.end();
}
