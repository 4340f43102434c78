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

/** "Candidates are never inside a longer run of letters or digits." */
export function isDelimited(buf: Buffer, start: number, end: number): boolean {
  return !isLetterOrDigit(charBefore(buf, start)) && !isLetterOrDigit(charAt(buf, end));
}

/** The same line's text around [start, end), at most `max` bytes each side. */
export function lineContext(buf: Buffer, start: number, end: number, max: number): { before: string; after: string } {
  let from = Math.max(0, start - max);
  const nlBefore = buf.subarray(from, start).lastIndexOf(10);
  if (nlBefore !== -1) from += nlBefore + 1;
  let to = Math.min(buf.length, end + max);
  const nlAfter = buf.subarray(end, to).indexOf(10);
  if (nlAfter !== -1) to = end + nlAfter;
  return { before: buf.toString('utf8', from, start), after: buf.toString('utf8', end, to) };
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
