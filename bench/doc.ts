/** A document being generated: text parts, its length, and the personal data planted in it (sparse, counted). */
import { nearMiss } from './near.js';
import { decoy, valid, zeroCounts, type Counts, type Kind } from './pii.js';
import type { Rng } from './rng.js';

export class Doc {
  private readonly parts: string[] = [];
  /** Length in UTF-16 units (close to bytes: the corpus is mostly ASCII). */
  length = 0;
  readonly planted: Counts = zeroCounts();
  private nextPlant: number;

  /** `gap` is the mean distance, in characters, between two planted values. */
  constructor(
    readonly r: Rng,
    private readonly gap: number,
  ) {
    this.nextPlant = r.expo(gap);
  }

  add(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  line(text = ''): void {
    this.add(`${text}\n`);
  }

  /** A value for a field of this kind: once in a while a real (counted) one, else a decoy of the same shape. */
  pii(kind: Kind): string {
    if (this.length < this.nextPlant) return decoy(kind, this.r);
    this.nextPlant = this.length + this.r.expo(this.gap);
    this.planted[kind]++;
    return valid(kind, this.r);
  }

  /** Any of the four kinds, for free-text places (comments, notes). */
  anyPii(): string {
    return this.pii(this.r.pick(['nir', 'iban', 'email', 'phone'] as const));
  }

  near(): string {
    return nearMiss(this.r);
  }

  text(): string {
    return this.parts.join('');
  }
}

/** A file format: writes a header, blocks until the target size, and a footer. `block` alone serves diff edits. */
export interface Format {
  ext: string;
  header(d: Doc): void;
  block(d: Doc): void;
  footer(d: Doc): void;
}

export function generate(format: Format, d: Doc, target: number): string {
  format.header(d);
  do format.block(d);
  while (d.length < target);
  format.footer(d);
  return d.text();
}
