/**
 * UTF-16 text files: Excel's "Unicode text" export, PowerShell's `Out-File` and many Windows tools write UTF-16, and
 * a personal-data export is exactly what such tools produce. Every other byte of ASCII text is then NUL, so the
 * binary test would skip them. They are recognised (a byte-order mark, or the NUL pattern of mostly-ASCII text) and
 * decoded to UTF-8 before scanning; lines and UTF-16 columns are those of the text, whatever its encoding.
 */
import { TextDecoder } from 'node:util';

export type Utf16 = 'utf-16le' | 'utf-16be';

/** Bytes looked at, as for the binary test. */
const SAMPLE = 8000;

export function utf16Of(first: Buffer): Utf16 | null {
  if (first.length >= 2 && first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first.length >= 2 && first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  // Without a mark: text mostly in ASCII has a NUL in (nearly) every high byte and (nearly) never in the low one.
  const n = Math.min(first.length, SAMPLE) & ~1;
  if (n < 16) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (first[i] === 0) evenNul++;
    if (first[i + 1] === 0) oddNul++;
  }
  const units = n / 2;
  if (oddNul >= units * 0.9 && evenNul <= units * 0.02) return 'utf-16le';
  if (evenNul >= units * 0.9 && oddNul <= units * 0.02) return 'utf-16be';
  return null;
}

/** Decodes a UTF-16 stream chunk by chunk into UTF-8 (a character split between chunks is kept for the next). */
export class Utf16ToUtf8 {
  private readonly decoder: TextDecoder;

  constructor(encoding: Utf16) {
    this.decoder = new TextDecoder(encoding);
  }

  push(chunk: Buffer): Buffer {
    return Buffer.from(this.decoder.decode(chunk, { stream: true }), 'utf8');
  }

  end(): Buffer {
    return Buffer.from(this.decoder.decode(), 'utf8');
  }
}

/** A whole buffer as UTF-8: decoded when it is UTF-16 text, as is otherwise. */
export function asUtf8(data: Buffer): Buffer {
  const encoding = utf16Of(data);
  if (!encoding) return data;
  const decoder = new Utf16ToUtf8(encoding);
  return Buffer.concat([decoder.push(data), decoder.end()]);
}
