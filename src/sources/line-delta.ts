/**
 * What a new version of a file adds when no diff is available (the compare API leaves out `patch` for large files):
 * the lines of the new version that the old one does not have, counted as a multiset so that moved or duplicated
 * lines are not new. Returned as a unified diff, so the diff source reports them at their new line numbers.
 */
import { quoteCPath } from './diff-headers.js';

function splitLines(text: Buffer): string[] {
  // latin1 maps bytes one to one, so invalid UTF-8 compares exactly and converts back unchanged.
  const lines = text.toString('latin1').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** 1-based line numbers, in the new version, of the lines it adds. */
export function addedLineNumbers(oldText: Buffer, newText: Buffer): number[] {
  const remaining = new Map<string, number>();
  for (const line of splitLines(oldText)) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  const added: number[] = [];
  splitLines(newText).forEach((line, i) => {
    const left = remaining.get(line) ?? 0;
    if (left > 0) remaining.set(line, left - 1);
    else added.push(i + 1);
  });
  return added;
}

/** A unified diff (`--- a/p`, `+++ b/p`, one hunk per run of added lines) holding only what the new version adds. */
export function addedLinesDiff(path: string, oldText: Buffer | null, newText: Buffer, oldPath = path): Buffer {
  const lines = splitLines(newText);
  const numbers = oldText ? addedLineNumbers(oldText, newText) : lines.map((_l, i) => i + 1);
  const header = `--- ${oldText ? quoteCPath(`a/${oldPath}`) : '/dev/null'}\n+++ ${quoteCPath(`b/${path}`)}\n`;
  const out: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    out.push(`@@ -0,0 +${numbers[i]},${j - i + 1} @@`);
    for (let k = i; k <= j; k++) out.push(`+${lines[numbers[k]! - 1]}`);
    i = j + 1;
  }
  // The path is text (UTF-8); the lines are the file's own bytes, kept one to one through latin1.
  return Buffer.concat([Buffer.from(header, 'utf8'), Buffer.from(out.length ? `${out.join('\n')}\n` : '', 'latin1')]);
}
