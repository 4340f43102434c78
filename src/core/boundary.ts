/** Unicode-aware checks of what touches a candidate, done on bytes so both regex engines agree. */

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The code point ending just before `offset`, decoded from UTF-8 (undefined at the start or after invalid bytes). */
export function charBefore(buf: Buffer, offset: number): string | undefined {
  if (offset <= 0) return undefined;
  let start = offset - 1;
  while (start > 0 && offset - start < 4 && (buf[start]! & 0xc0) === 0x80) start--;
  const ch = buf.toString('utf8', start, offset);
  return ch.length > 0 && !ch.includes('\ufffd') ? [...ch].pop() : undefined;
}

/** The code point starting at `offset`. */
export function charAt(buf: Buffer, offset: number): string | undefined {
  if (offset >= buf.length) return undefined;
  const lead = buf[offset]!;
  const size = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  const ch = buf.toString('utf8', offset, Math.min(buf.length, offset + size));
  return ch.length > 0 && !ch.includes('\ufffd') ? [...ch][0] : undefined;
}

export function isLetterOrDigit(ch: string | undefined): boolean {
  return ch !== undefined && LETTER_OR_DIGIT.test(ch);
}

/** An ASCII byte that is a letter or a digit; bytes from 0x80 on start a character decoded by the callers. */
const isAsciiLetterOrDigit = (b: number): boolean => (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a);

/** "Candidates are never inside a longer run of letters or digits." ASCII neighbours (most) are checked on bytes. */
export function isDelimited(buf: Buffer, start: number, end: number): boolean {
  const before = start > 0 ? buf[start - 1]! : 0x20;
  if (before < 0x80 ? isAsciiLetterOrDigit(before) : isLetterOrDigit(charBefore(buf, start))) return false;
  const after = end < buf.length ? buf[end]! : 0x20;
  return after < 0x80 ? !isAsciiLetterOrDigit(after) : !isLetterOrDigit(charAt(buf, end));
}

/**
 * The same line's text around [start, end), at most `max` bytes each side, decoded only when read: most candidates
 * fail their checksum before their detector looks at the line. A class: an object literal with getters costs more.
 */
class LineContext {
  private textBefore: string | undefined = undefined;
  private textAfter: string | undefined = undefined;

  constructor(
    private readonly buf: Buffer,
    private readonly start: number,
    private readonly end: number,
    private readonly max: number,
  ) {}

  get before(): string {
    if (this.textBefore === undefined) {
      const { buf, start } = this;
      let from = start;
      while (from > 0 && start - from < this.max && buf[from - 1] !== 10) from--;
      this.textBefore = buf.toString('utf8', from, start);
    }
    return this.textBefore;
  }

  get after(): string {
    if (this.textAfter === undefined) {
      const { buf, end } = this;
      let to = end;
      while (to < buf.length && to - end < this.max && buf[to] !== 10) to++;
      this.textAfter = buf.toString('utf8', end, to);
    }
    return this.textAfter;
  }
}

export function lineContext(buf: Buffer, start: number, end: number, max: number): { readonly before: string; readonly after: string } {
  return new LineContext(buf, start, end, max);
}

/**
 * Counts UTF-16 code units (what editors and SARIF call columns) in UTF-8 bytes fed in any number of pieces: a
 * character split between two windows counts once. Bytes that are not valid UTF-8 (a Latin-1 `°` or `é`) count one
 * each, as the replacement character an editor shows in their place.
 */
export class Utf16Counter {
  private continuations = 0; // continuation bytes the current character still expects

  count(buf: Buffer, start: number, end: number): number {
    let units = 0;
    for (let i = start; i < end; i++) {
      const b = buf[i]!;
      if (this.continuations > 0 && (b & 0xc0) === 0x80) {
        this.continuations--;
        continue;
      }
      this.continuations = 0;
      if (b >= 0xc2 && b <= 0xdf) this.continuations = 1;
      else if (b >= 0xe0 && b <= 0xef) this.continuations = 2;
      else if (b >= 0xf0 && b <= 0xf4) {
        this.continuations = 3;
        units++; // outside the BMP: a surrogate pair
      }
      units++;
    }
    return units;
  }

  reset(): void {
    this.continuations = 0;
  }
}

/** UTF-16 length of a self-contained piece of UTF-8. */
export function utf16Length(buf: Buffer, start: number, end: number): number {
  return new Utf16Counter().count(buf, start, end);
}
