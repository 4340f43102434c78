/**
 * The streaming unified-diff parser, driven with hand-written diffs: which lines of the new file it reports (added
 * and context, with their new-file numbers), which file each belongs to, and that any chunking gives the same events.
 */
import { describe, expect, it } from 'vitest';
import { DiffParser, type LineKind } from '../src/sources/diff-parser.js';
import { pathFromDiffLine, pathFromMarker, unquoteCPath, type FileHeader } from '../src/sources/diff-headers.js';

interface ParsedLine {
  kind: LineKind;
  line: number;
  text: string;
}

interface ParsedFile {
  path: string | null;
  binary: boolean;
  submodule: boolean;
  deleted: boolean;
  combined?: true;
  lines: ParsedLine[];
}

type Chunking = number | ((index: number) => number);

/** Feeds `diff` to a DiffParser in chunks and records its events, checking that they come in a sane order. */
function parse(diff: string | Buffer, chunking: Chunking = Infinity): ParsedFile[] {
  const files: ParsedFile[] = [];
  let file: ParsedFile | null = null;
  let pieces: Buffer[] | null = null;
  let current: { kind: LineKind; line: number } | null = null;
  let header: FileHeader | null = null;
  const parser = new DiffParser({
    fileStart(h) {
      expect(file, 'fileStart inside a file').toBeNull();
      header = h;
      file = { path: null, binary: false, submodule: false, deleted: false, lines: [] };
    },
    lineStart(kind, line) {
      expect(file, 'lineStart outside a file').not.toBeNull();
      expect(pieces, 'lineStart inside a line').toBeNull();
      current = { kind, line };
      pieces = [];
    },
    lineData(chunk, start, end) {
      expect(pieces, 'lineData outside a line').not.toBeNull();
      expect(end).toBeGreaterThan(start);
      pieces!.push(Buffer.from(chunk.subarray(start, end)));
    },
    lineEnd() {
      expect(pieces, 'lineEnd outside a line').not.toBeNull();
      file!.lines.push({ ...current!, text: Buffer.concat(pieces!).toString('utf8') });
      pieces = null;
    },
    fileEnd(h) {
      expect(h).toBe(header);
      expect(pieces, 'fileEnd inside a line').toBeNull();
      const combined = h.combined ? { combined: true as const } : {};
      files.push({ ...file!, path: h.path, binary: h.binary, submodule: h.submodule, deleted: h.deleted, ...combined });
      file = null;
    },
  });
  const bytes = typeof diff === 'string' ? Buffer.from(diff, 'utf8') : diff;
  for (let pos = 0, i = 0; pos < bytes.length; i++) {
    const size = Math.max(1, typeof chunking === 'number' ? chunking : chunking(i));
    parser.write(bytes.subarray(pos, pos + size));
    pos += size;
  }
  parser.end();
  expect(file, 'file left open').toBeNull();
  return files;
}

const added = (line: number, text: string): ParsedLine => ({ kind: 'added', line, text });
const context = (line: number, text: string): ParsedLine => ({ kind: 'context', line, text });

/** Deterministic pseudo-random chunk sizes (1 to max), so a failure can be replayed. */
function randomSizes(seed: number, max: number): (index: number) => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return 1 + (state % max);
  };
}

const MODIFIED = [
  'diff --git a/src/f.txt b/src/f.txt',
  'index 1111111..2222222 100644',
  '--- a/src/f.txt',
  '+++ b/src/f.txt',
  '@@ -1,4 +1,5 @@',
  ' one',
  '-two',
  '+TWO',
  '+two and a half',
  ' three',
  ' four',
  '@@ -10,3 +11,3 @@ function ten() {',
  ' ten',
  '-eleven',
  '+ELEVEN',
  ' twelve',
  'diff --git a/g.txt b/g.txt',
  'new file mode 100644',
  'index 0000000..3333333',
  '--- /dev/null',
  '+++ b/g.txt',
  '@@ -0,0 +1,2 @@',
  '+first',
  '+second',
  '',
].join('\n');

describe('DiffParser: lines and numbers', () => {
  it('reports added and context lines with their new-file numbers, never removed ones, across hunks and files', () => {
    expect(parse(MODIFIED)).toEqual([
      {
        path: 'src/f.txt',
        binary: false,
        submodule: false,
        deleted: false,
        lines: [
          context(1, 'one'),
          added(2, 'TWO'),
          added(3, 'two and a half'),
          context(4, 'three'),
          context(5, 'four'),
          context(11, 'ten'),
          added(12, 'ELEVEN'),
          context(13, 'twelve'),
        ],
      },
      { path: 'g.txt', binary: false, submodule: false, deleted: false, lines: [added(1, 'first'), added(2, 'second')] },
    ]);
  });

  it('treats lines starting with +++ or --- inside a hunk as content, thanks to the hunk counts', () => {
    const diff = [
      'diff --git a/notes.md b/notes.md',
      '--- a/notes.md',
      '+++ b/notes.md',
      '@@ -1,2 +1,3 @@',
      '--- removed, was "-- removed"',
      '+++ added, is "++ added"',
      ' -- context',
      '+--- b/other.txt',
      '@@ -9 +9,2 @@',
      ' nine',
      '+@@ -1 +1 @@ not a hunk header',
      'diff --git a/next.txt b/next.txt',
      '--- a/next.txt',
      '+++ b/next.txt',
      '@@ -1 +1 @@',
      '-x',
      '+y',
    ].join('\n');
    expect(parse(diff)).toEqual([
      {
        path: 'notes.md',
        binary: false,
        submodule: false,
        deleted: false,
        lines: [
          added(1, '++ added, is "++ added"'),
          context(2, '-- context'),
          added(3, '--- b/other.txt'),
          context(9, 'nine'),
          added(10, '@@ -1 +1 @@ not a hunk header'),
        ],
      },
      { path: 'next.txt', binary: false, submodule: false, deleted: false, lines: [added(1, 'y')] },
    ]);
  });

  it('keeps the path when the first added line of a hunk looks like a +++ header', () => {
    const diff = ['diff --git a/a.txt b/a.txt', '--- a/a.txt', '+++ b/a.txt', '@@ -1 +1 @@', '--- x', '+++ y', ''].join('\n');
    expect(parse(diff)).toEqual([
      { path: 'a.txt', binary: false, submodule: false, deleted: false, lines: [added(1, '++ y')] },
    ]);
  });

  it('takes a truly empty line inside a hunk as an empty context line (diff.suppressBlankEmpty)', () => {
    const diff = `${['diff --git a/f b/f', '--- a/f', '+++ b/f', '@@ -1,4 +1,4 @@', ' a', '', '-b', '+B', ''].join('\n')}\n`;
    expect(parse(diff)[0]!.lines).toEqual([context(1, 'a'), context(2, ''), added(3, 'B'), context(4, '')]);
  });

  it('ignores "\\ No newline at end of file" markers, on either side and at the very end', () => {
    const diff = [
      'diff --git a/f b/f',
      '--- a/f',
      '+++ b/f',
      '@@ -1,2 +1,3 @@',
      ' a',
      '-b',
      '\\ No newline at end of file',
      '+b',
      '+c',
      '\\ No newline at end of file',
      'diff --git a/g b/g',
      '--- a/g',
      '+++ b/g',
      '@@ -1 +1 @@',
      '-x',
      '\\ No newline at end of file',
      '+y',
      '\\ No newline at end of file',
    ].join('\n');
    expect(parse(diff).map((f) => [f.path, f.lines])).toEqual([
      ['f', [context(1, 'a'), added(2, 'b'), added(3, 'c')]],
      ['g', [added(1, 'y')]],
    ]);
  });

  it('reads hunk headers without counts, and hunks that only remove lines', () => {
    const diff = [
      '--- a/f',
      '+++ b/f',
      '@@ -3 +3 @@',
      '-x',
      '+y',
      '@@ -7,2 +6,0 @@',
      '-gone',
      '-gone too',
      '@@ -20,0 +19 @@',
      '+new',
    ].join('\n');
    expect(parse(diff)[0]!.lines).toEqual([added(3, 'y'), added(19, 'new')]);
  });

  it('emits the last line of a diff that does not end with a newline', () => {
    const diff = 'diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+one\n+two';
    expect(parse(diff)[0]!.lines).toEqual([added(1, 'one'), added(2, 'two')]);
  });

  it('reads a diff saved with CRLF line endings', () => {
    const diff = MODIFIED.replace(/\n/g, '\r\n');
    const files = parse(diff);
    expect(files.map((f) => f.path)).toEqual(['src/f.txt', 'g.txt']);
    // The content keeps its carriage return (it may be the file's own); numbers are unchanged.
    expect(files[0]!.lines.map((l) => [l.kind, l.line, l.text])).toEqual(
      parse(MODIFIED)[0]!.lines.map((l) => [l.kind, l.line, `${l.text}\r`]),
    );
  });

  it('streams a long added line in pieces, and bounds what it keeps of a long removed or header line', () => {
    const long = 'x'.repeat(300_000);
    const diff = `diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-${long}\n+${long}\n ${long}\n-gone\n`;
    const files = parse(diff, 4096);
    expect(files[0]!.lines.map((l) => [l.kind, l.line, l.text.length])).toEqual([
      ['added', 1, long.length],
      ['context', 2, long.length],
    ]);
    // A header line longer than the buffer is cut, not kept whole; parsing goes on.
    const header = `diff --git a/${long} b/${long}\n--- a/f\n+++ b/short.txt\n@@ -0,0 +1 @@\n+ok\n`;
    expect(parse(header, 1000).map((f) => [f.path, f.lines])).toEqual([['short.txt', [added(1, 'ok')]]]);
  });
});

describe('DiffParser: file sections', () => {
  it('reads a plain `diff -u` without `diff --git` lines, with timestamps after a tab', () => {
    const diff = [
      '--- old/a.txt\t2024-01-01 10:00:00.000000000 +0100',
      '+++ new/a.txt\t2024-01-02 11:00:00.000000000 +0100',
      '@@ -1 +1,2 @@',
      ' x',
      '+y',
      '--- old/b b.txt\t2024-01-01 10:00:00.000000000 +0100',
      '+++ new/b b.txt\t2024-01-02 11:00:00.000000000 +0100',
      '@@ -1,2 +1,2 @@',
      '-p',
      '+q',
      ' r',
      '--- old/gone.txt\t2024-01-01 10:00:00.000000000 +0100',
      '+++ /dev/null\t1970-01-01 01:00:00.000000000 +0100',
      '@@ -1 +0,0 @@',
      '-bye',
    ].join('\n');
    expect(parse(diff).map((f) => [f.path, f.deleted, f.lines])).toEqual([
      ['new/a.txt', false, [context(1, 'x'), added(2, 'y')]],
      ['new/b b.txt', false, [added(1, 'q'), context(2, 'r')]],
      [null, true, []],
    ]);
  });

  it('reads `diff -ruN` output, whose sections start with the diff command line', () => {
    const diff = [
      'Only in new: extra',
      'diff -ruN old/a.txt new/a.txt',
      '--- old/a.txt\t2024-01-01 10:00:00.000000000 +0100',
      '+++ new/a.txt\t2024-01-02 11:00:00.000000000 +0100',
      '@@ -0,0 +1 @@',
      '+y',
      'diff -ruN old/b.txt new/b.txt',
      '--- old/b.txt\t2024-01-01 10:00:00.000000000 +0100',
      '+++ new/b.txt\t2024-01-02 11:00:00.000000000 +0100',
      '@@ -1 +1 @@',
      '-x',
      '+z',
    ].join('\n');
    expect(parse(diff).map((f) => [f.path, f.lines])).toEqual([
      ['new/a.txt', [added(1, 'y')]],
      ['new/b.txt', [added(1, 'z')]],
    ]);
  });

  it('skips the preamble of `git format-patch` / `git show` output (message, diffstat)', () => {
    const diff = [
      'From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001',
      'From: A U Thor <author@example.com>',
      'Subject: [PATCH] change',
      '',
      '+ not a line: no file yet',
      '---',
      ' f.txt | 2 +-',
      ' 1 file changed, 1 insertion(+), 1 deletion(-)',
      '',
      'diff --git a/f.txt b/f.txt',
      'index 1111111..2222222 100644',
      '--- a/f.txt',
      '+++ b/f.txt',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      '-- ',
      '2.39.5',
      '',
    ].join('\n');
    expect(parse(diff).map((f) => [f.path, f.lines])).toEqual([['f.txt', [added(1, 'b')]]]);
  });

  it('names renamed and copied files by their new path, with or without content change', () => {
    const diff = [
      'diff --git a/old name.txt b/new name.txt',
      'similarity index 100%',
      'rename from old name.txt',
      'rename to new name.txt',
      'diff --git a/src/a.ts b/lib/a.ts',
      'similarity index 90%',
      'rename from src/a.ts',
      'rename to lib/a.ts',
      'index 1111111..2222222 100644',
      '--- a/src/a.ts',
      '+++ b/lib/a.ts',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      'diff --git a/x.txt b/y.txt',
      'similarity index 80%',
      'copy from x.txt',
      'copy to y.txt',
      '--- a/x.txt',
      '+++ b/y.txt',
      '@@ -1,0 +2 @@',
      '+copied then changed',
      'diff --git "a/caf\\303\\251.txt" "b/th\\303\\251 \\"vert\\".txt"',
      'similarity index 100%',
      'rename from "caf\\303\\251.txt"',
      'rename to "th\\303\\251 \\"vert\\".txt"',
    ].join('\n');
    expect(parse(diff).map((f) => [f.path, f.lines])).toEqual([
      ['new name.txt', []],
      ['lib/a.ts', [added(1, 'b')]],
      ['y.txt', [added(2, 'copied then changed')]],
      ['thé "vert".txt', []],
    ]);
  });

  it('marks deleted files, whatever their content', () => {
    const diff = [
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      'index 1111111..0000000',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-one',
      '-two',
      'diff --git a/gone.bin b/gone.bin',
      'deleted file mode 100644',
      'index 1111111..0000000',
      'Binary files a/gone.bin and /dev/null differ',
    ].join('\n');
    expect(parse(diff).map((f) => [f.deleted, f.lines])).toEqual([
      [true, []],
      [true, []],
    ]);
  });

  it('marks binary files, both `Binary files … differ` and `GIT binary patch`', () => {
    const diff = [
      'diff --git a/img.png b/img.png',
      'index 1111111..2222222 100644',
      'Binary files a/img.png and b/img.png differ',
      'diff --git a/new.bin b/new.bin',
      'new file mode 100644',
      'index 0000000..3333333',
      'GIT binary patch',
      'literal 12',
      'TcmZQzWMXDvWn<&yU}1Fq0ssI2',
      '',
      'literal 0',
      'HcmV?d00001',
      '',
      'diff --git a/after.txt b/after.txt',
      '--- a/after.txt',
      '+++ b/after.txt',
      '@@ -1 +1 @@',
      '-a',
      '+b',
    ].join('\n');
    expect(parse(diff).map((f) => [f.path, f.binary, f.lines])).toEqual([
      ['img.png', true, []],
      ['new.bin', true, []],
      ['after.txt', false, [added(1, 'b')]],
    ]);
  });

  it('marks submodule additions and updates', () => {
    const diff = [
      'diff --git a/.gitmodules b/.gitmodules',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/.gitmodules',
      '@@ -0,0 +1,2 @@',
      '+[submodule "lib"]',
      '+\tpath = lib',
      'diff --git a/lib b/lib',
      'new file mode 160000',
      'index 0000000..1234567',
      '--- /dev/null',
      '+++ b/lib',
      '@@ -0,0 +1 @@',
      '+Subproject commit 1234567890123456789012345678901234567890',
      'diff --git a/vendor/x b/vendor/x',
      'index 1234567..89abcde 160000',
      '--- a/vendor/x',
      '+++ b/vendor/x',
      '@@ -1 +1 @@',
      '-Subproject commit 1234567890123456789012345678901234567890',
      '+Subproject commit 89abcde89abcde89abcde89abcde89abcde89abc-dirty',
    ].join('\n');
    expect(parse(diff).map((f) => [f.path, f.submodule])).toEqual([
      ['.gitmodules', false],
      ['lib', true],
      ['vendor/x', true],
    ]);
  });

  it('reports mode-only changes as files without lines', () => {
    const diff = [
      'diff --git a/run me.sh b/run me.sh',
      'old mode 100644',
      'new mode 100755',
      'diff --git a/b.sh b/b.sh',
      'old mode 100644',
      'new mode 100755',
      'index 1111111..2222222',
      '--- a/b.sh',
      '+++ b/b.sh',
      '@@ -1 +1,2 @@',
      ' #!/bin/sh',
      '+echo hi',
    ].join('\n');
    expect(parse(diff).map((f) => [f.path, f.lines])).toEqual([
      ['run me.sh', []],
      ['b.sh', [context(1, '#!/bin/sh'), added(2, 'echo hi')]],
    ]);
  });

  it('decodes quoted and non-ASCII paths to their real UTF-8 names', () => {
    const section = (diffLine: string, plus: string) =>
      [diffLine, 'index 1111111..2222222 100644', `--- ${plus.replace('b/', 'a/')}`, `+++ ${plus}`, '@@ -0,0 +1 @@', '+x'].join('\n');
    const diff = [
      section('diff --git "a/sp ace \\"q\\".txt" "b/sp ace \\"q\\".txt"', '"b/sp ace \\"q\\".txt"'),
      section('diff --git "a/tab\\there.txt" "b/tab\\there.txt"', '"b/tab\\there.txt"'),
      section('diff --git "a/caf\\303\\251 \\346\\227\\245\\346\\234\\254.txt" "b/caf\\303\\251 \\346\\227\\245\\346\\234\\254.txt"', '"b/caf\\303\\251 \\346\\227\\245\\346\\234\\254.txt"'),
      section('diff --git a/café 日本.txt b/café 日本.txt', 'b/café 日本.txt\t'),
      section('diff --git "a/back\\\\slash.txt" "b/back\\\\slash.txt"', '"b/back\\\\slash.txt"'),
    ].join('\n');
    expect(parse(diff).map((f) => f.path)).toEqual([
      'sp ace "q".txt',
      'tab\there.txt',
      'café 日本.txt',
      'café 日本.txt',
      'back\\slash.txt',
    ]);
  });

  it('ends a hunk whose counts announce more lines than it has at the next `diff` or `@@` line', () => {
    const diff = [
      'diff --git a/a b/a',
      '--- a/a',
      '+++ b/a',
      '@@ -1,5 +1,5 @@',
      ' x',
      '+y',
      '@@ -10,5 +10,5 @@',
      '+z',
      'diff --git a/b b/b',
      '--- a/b',
      '+++ b/b',
      '@@ -1 +1 @@',
      '-p',
      '+q',
    ].join('\n');
    expect(parse(diff).map((f) => [f.path, f.lines])).toEqual([
      ['a', [context(1, 'x'), added(2, 'y'), added(10, 'z')]],
      ['b', [added(1, 'q')]],
    ]);
  });

  it('reads the one-line section `diff -u` prints for two binary files', () => {
    const diff = [
      'Binary files old.bin and new.bin differ',
      '--- a.txt\t2024-01-01 10:00:00.000000000 +0100',
      '+++ b.txt\t2024-01-01 10:00:00.000000000 +0100',
      '@@ -1 +1 @@',
      '-x',
      '+y',
      'Binary files c.bin and d.bin differ',
    ].join('\n');
    expect(parse(diff).map((f) => [f.path, f.binary, f.lines])).toEqual([
      ['new.bin', true, []],
      ['b.txt', false, [added(1, 'y')]],
      ['d.bin', true, []],
    ]);
  });

  it('marks a merge\'s combined diff (`diff --cc`) as such without misreading its lines', () => {
    const diff = [
      'diff --cc f.txt',
      'index 1111111,2222222..3333333',
      '--- a/f.txt',
      '+++ b/f.txt',
      '@@@ -1,3 -1,3 +1,4 @@@',
      '  a',
      '- B main',
      ' -B side',
      '++B merged',
      '--- removed on both sides',
      '  c',
      '++new',
      'diff --cc "caf\\303\\251.txt"',
      'index 1111111,2222222..3333333',
      '@@@ -1 -1 +1 @@@',
      '++x',
      'diff --git a/g.txt b/g.txt',
      '--- a/g.txt',
      '+++ b/g.txt',
      '@@ -1 +1 @@',
      '-x',
      '+y',
    ].join('\n');
    expect(parse(diff).map((f) => [f.path, f.combined, f.lines])).toEqual([
      ['f.txt', true, []],
      ['café.txt', true, []],
      ['g.txt', undefined, [added(1, 'y')]],
    ]);
  });

  it('does not crash on a bare hunk without any file header', () => {
    expect(parse('@@ -1 +1 @@\n-a\n+b\n')).toEqual([
      { path: null, binary: false, submodule: false, deleted: false, lines: [added(1, 'b')] },
    ]);
    expect(parse('')).toEqual([]);
    expect(parse('just some text\nwithout a diff\n')).toEqual([]);
  });
});

describe('DiffParser: chunking', () => {
  const everything = [
    MODIFIED,
    'diff --git "a/caf\\303\\251.txt" "b/caf\\303\\251.txt"\n--- "a/caf\\303\\251.txt"\n+++ "b/caf\\303\\251.txt"',
    '@@ -1,4 +1,5 @@\n a\n\n--- x\n+++ y\n+été 日本\n b\n\\ No newline at end of file',
    'diff --git a/img.png b/img.png\nBinary files a/img.png and b/img.png differ\n',
  ].join('\n');
  const whole = parse(everything);

  it('gives the same events whatever the chunk sizes', () => {
    expect(whole.map((f) => f.path)).toEqual(['src/f.txt', 'g.txt', 'café.txt', 'img.png']);
    expect(whole[2]!.lines).toEqual([context(1, 'a'), context(2, ''), added(3, '++ y'), added(4, 'été 日本'), context(5, 'b')]);
    expect(parse(everything, 1)).toEqual(whole);
    for (const seed of [1, 2, 3, 42, 1234]) expect(parse(everything, randomSizes(seed, 17))).toEqual(whole);
    expect(parse(everything.replace(/\n/g, '\r\n'), 1)).toEqual(parse(everything.replace(/\n/g, '\r\n')));
  });
});

describe('diff headers', () => {
  it('unquotes git C-style paths (escapes and octal UTF-8 bytes)', () => {
    expect(unquoteCPath('"a\\tb\\nc\\\\d\\"e"')).toBe('a\tb\nc\\d"e');
    expect(unquoteCPath('"\\303\\251t\\303\\251"')).toBe('été');
    expect(unquoteCPath('"\\346\\227\\245\\346\\234\\254"')).toBe('日本');
    expect(unquoteCPath('plain name')).toBe('plain name');
  });

  it('reads --- / +++ markers', () => {
    expect(pathFromMarker('b/dir/file.txt', 'b/')).toBe('dir/file.txt');
    expect(pathFromMarker('b/sp ace.txt\t', 'b/')).toBe('sp ace.txt');
    expect(pathFromMarker('new/x.txt\t2024-01-01 10:00:00 +0100', 'b/')).toBe('new/x.txt');
    expect(pathFromMarker('/dev/null', 'b/')).toBeNull();
    expect(pathFromMarker('/dev/null\t1970-01-01 00:00:00 +0000', 'b/')).toBeNull();
    expect(pathFromMarker('"b/tab\\there"', 'b/')).toBe('tab\there');
  });

  it('reads the new path of a `diff --git` line', () => {
    expect(pathFromDiffLine('diff --git a/x.txt b/x.txt')).toBe('x.txt');
    expect(pathFromDiffLine('diff --git a/a b/c b/a b/c')).toBe('a b/c');
    expect(pathFromDiffLine('diff --git a/old b/new')).toBe('new');
    expect(pathFromDiffLine('diff --git "a/q\\"x" "b/q\\"x"')).toBe('q"x');
    expect(pathFromDiffLine('diff --git "a/\\303\\251" b/plain')).toBe('plain');
    expect(pathFromDiffLine('diff -u a b')).toBeNull();
  });
});
