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
  /**
   * A piece of the current line's content (without the +/space marker and without the newline): `chunk[start, end)`
   * of the input buffer itself, not copied. Offsets, not a subarray: short lines would cost one allocation each.
   */
  lineData(chunk: Buffer, start: number, end: number): void;
  lineEnd(): void;
  fileEnd(header: FileHeader): void;
}

const MAX_HEADER_LINE = 64 * 1024;
const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const COMBINED_HUNK = /^@@@+ -\d/;

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
  private skipSection = false; // a binary patch or a combined diff: nothing to read until the next `diff` line

  constructor(private readonly events: DiffEvents) {}

  write(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.atLineStart && this.inHunk && this.oldLeft + this.newLeft > 0) {
        const marker = chunk[pos]!;
        // Only as many added/context lines as the hunk header announced: a wrong count must not run the numbers off.
        const isAdded = marker === 0x2b /* + */ && this.newLeft > 0;
        if (isAdded || (marker === 0x20 /* space */ && this.newLeft > 0 && this.oldLeft > 0)) {
          this.events.lineStart(isAdded ? 'added' : 'context', this.newLine++);
          this.newLeft--;
          if (!isAdded) this.oldLeft--;
          this.streaming = true;
          this.atLineStart = false;
          pos++;
          continue;
        }
      }
      const nl = chunk.indexOf(10, pos);
      const end = nl === -1 ? chunk.length : nl;
      if (this.streaming) {
        if (end > pos) this.events.lineData(chunk, pos, end);
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
    // Inside a hunk: removed lines, "\ No newline at end of file", or an empty context line (diff.suppressBlankEmpty).
    // A hunk line always starts with a marker, so `diff ` or `@@ ` here means the counts were wrong: the hunk is over.
    if (this.inHunk && this.oldLeft + this.newLeft > 0 && !/^(?:diff |@@ )/.test(line)) {
      if (line.startsWith('-') && this.oldLeft > 0) this.oldLeft--;
      else if (line === '' && this.oldLeft > 0 && this.newLeft > 0) {
        this.events.lineStart('context', this.newLine++);
        this.events.lineEnd();
        this.oldLeft--;
        this.newLeft--;
      }
      return;
    }
    this.inHunk = false;
    if (line.startsWith('diff ')) {
      this.openFile(line);
      return;
    }
    if (this.skipSection) return;
    const hunk = HUNK.exec(line);
    if (hunk) {
      if (!this.header) this.openFile('');
      this.startFile();
      this.inHunk = true;
      this.oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      this.newLine = Number(hunk[2]);
      this.newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
      return;
    }
    if (this.header && COMBINED_HUNK.test(line)) {
      // A merge's combined diff (`diff --cc`) has one marker column per parent, which this reader does not follow:
      // the file is reported as not scanned rather than misread (`git diff M^1 M` gives the two-way diff of merge M).
      this.header.combined = true;
      this.skipSection = true;
      this.startFile();
      return;
    }
    if (!this.header || this.headerStarted) {
      // A plain `diff -u` has no `diff` line: `---` opens the next file, and a binary pair is this one line.
      if (line.startsWith('--- ')) this.openFile('');
      else if (line.startsWith('Binary files ')) {
        this.openFile('');
        parseFileHeader(this.header!, line);
        this.startFile();
        return;
      }
    }
    if (!this.header) return; // preamble (commit message, "index" of a plain diff…)
    parseFileHeader(this.header, line);
    if (line === 'GIT binary patch') this.skipSection = true;
  }

  /** Closes the current file section and opens the next one (every way in goes here, so no state is left over). */
  private openFile(diffLine: string): void {
    this.closeFile();
    this.skipSection = false;
    this.header = { path: null, binary: false, submodule: false, deleted: false, combined: false, index: false, diffLine };
    this.headerStarted = false;
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
