/**
 * A streaming parser of unified diffs (git's and plain `diff -u`). Header lines are buffered (bounded); hunk lines are
 * forwarded in pieces as they arrive, so memory stays bounded whatever the diff or line size.
 */
import { parseFileHeader, type FileHeader } from './diff-headers.js';

export type LineKind = 'added' | 'context';

export interface DiffEvents {
  /** A file section starts; `header` is complete (paths, binary, submodule…) once its first hunk or end is reached. */
  fileStart(header: FileHeader): void;
  /** A visible line of the new file begins (added, or context around the change). */
  lineStart(kind: LineKind, newLine: number): void;
  /** A piece of the current line's content (without the +/space marker and without the newline). */
  lineData(chunk: Buffer): void;
  lineEnd(): void;
  fileEnd(header: FileHeader): void;
}

const MAX_HEADER_LINE = 64 * 1024;
const HUNK = /^@@@* -\d+(?:,\d+)? .*?\+(\d+)(?:,(\d+))? @@/;

export class DiffParser {
  private header: FileHeader | null = null;
  private headerStarted = false;
  private pendingLine: Buffer[] = [];
  private pendingBytes = 0;
  private atLineStart = true;
  private streaming = false; // inside a hunk line whose content is being forwarded
  private inHunk = false;
  private oldLeft = 0;
  private newLeft = 0;
  private newLine = 0;
  private skipBinaryPatch = false;

  constructor(private readonly events: DiffEvents) {}

  write(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.atLineStart && this.inHunk && this.oldLeft + this.newLeft > 0) {
        const marker = chunk[pos]!;
        if (marker === 0x2b /* + */ || marker === 0x20 /* space */) {
          this.events.lineStart(marker === 0x2b ? 'added' : 'context', this.newLine++);
          this.newLeft--;
          if (marker === 0x20) this.oldLeft--;
          this.streaming = true;
          this.atLineStart = false;
          pos++;
          continue;
        }
      }
      const nl = chunk.indexOf(10, pos);
      const end = nl === -1 ? chunk.length : nl;
      if (this.streaming) {
        if (end > pos) this.events.lineData(chunk.subarray(pos, end));
      } else if (this.pendingBytes < MAX_HEADER_LINE) {
        const piece = chunk.subarray(pos, Math.min(end, pos + MAX_HEADER_LINE - this.pendingBytes));
        this.pendingLine.push(piece);
        this.pendingBytes += piece.length;
      }
      if (nl === -1) {
        this.atLineStart = false;
        return;
      }
      this.finishLine();
      pos = nl + 1;
    }
  }

  end(): void {
    if (!this.atLineStart) this.finishLine();
    this.closeFile();
  }

  private finishLine(): void {
    this.atLineStart = true;
    if (this.streaming) {
      this.streaming = false;
      this.events.lineEnd();
      return;
    }
    const line = Buffer.concat(this.pendingLine, this.pendingBytes);
    this.pendingLine = [];
    this.pendingBytes = 0;
    this.headerLine(line);
  }

  private headerLine(raw: Buffer): void {
    const line = raw.toString('utf8').replace(/\r$/, '');
    if (this.inHunk && this.oldLeft + this.newLeft > 0) {
      // Inside a hunk: removed lines, "\ No newline at end of file", or an empty context line some tools emit.
      if (line.startsWith('-')) this.oldLeft--;
      else if (line === '') {
        this.events.lineStart('context', this.newLine++);
        this.events.lineEnd();
        this.oldLeft--;
        this.newLeft--;
      }
      return;
    }
    this.inHunk = false;
    if (line.startsWith('diff ')) {
      this.closeFile();
      this.skipBinaryPatch = false;
      this.header = { path: null, binary: false, submodule: false, deleted: false, diffLine: line };
      this.headerStarted = false;
      return;
    }
    if (this.skipBinaryPatch) return;
    const hunk = HUNK.exec(line);
    if (hunk) {
      this.header ??= { path: null, binary: false, submodule: false, deleted: false, diffLine: '' };
      this.startFile();
      this.inHunk = true;
      this.newLine = Number(hunk[1]);
      this.newLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      this.oldLeft = countOld(line);
      return;
    }
    if (line.startsWith('--- ') && (!this.header || this.headerStarted)) {
      // A plain `diff -u` has no `diff` line: `---` opens the next file.
      this.closeFile();
      this.header = { path: null, binary: false, submodule: false, deleted: false, diffLine: '' };
    }
    if (!this.header) return; // preamble (commit message, "index" of a plain diff…)
    parseFileHeader(this.header, line);
    if (line === 'GIT binary patch') this.skipBinaryPatch = true;
  }

  private startFile(): void {
    if (this.header && !this.headerStarted) {
      this.headerStarted = true;
      this.events.fileStart(this.header);
    }
  }

  private closeFile(): void {
    if (!this.header) return;
    this.startFile();
    this.events.fileEnd(this.header);
    this.header = null;
  }
}

/** Old-side line count from a hunk header (`-a,b`); combined diffs (`@@@`) are not expected here. */
function countOld(line: string): number {
  const m = /^@@ -\d+(?:,(\d+))? /.exec(line);
  return m?.[1] === undefined ? 1 : Number(m[1]);
}
