/** The per-file header lines of a unified diff: paths (quoted or not), binary and submodule markers. */

export interface FileHeader {
  /** New path, repository-relative; null for a deleted file or before it is known. */
  path: string | null;
  binary: boolean;
  submodule: boolean;
  deleted: boolean;
  /** A merge's combined diff (`diff --cc`), which is not scanned. */
  combined: boolean;
  /** An `index <old>..<new>` line was seen: git prints one whenever the objects differ (not so a dirty submodule). */
  index: boolean;
  /** The `diff --git …` line, for the path when no `+++` line follows (binary, mode-only, pure rename). */
  diffLine: string;
  /** The path before the change (`---`, `rename from`, `copy from`): null for `/dev/null`, undefined when not given. */
  oldPath?: string | null;
  /** `new file mode`: the file did not exist before. */
  created?: boolean;
  /** The blobs of `index <old>..<new>` (all zeros for none): a binary file's content can be read from them. */
  blobs?: { old: string; new: string };
}

/** Whether the change adds the path itself (a new, renamed or copied file): then the path is scanned as added text. */
export function addsPath(header: FileHeader): boolean {
  if (header.created || header.oldPath === null) return true;
  return header.oldPath !== undefined && header.path !== null && header.oldPath !== header.path;
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git's C-style quoting (`"b/caf\303\251.txt"`): escapes and octal bytes, decoded as UTF-8. */
export function unquoteCPath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[++i] ?? '';
    const octal = /^[0-7]{3}/.exec(body.slice(i, i + 3));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 2;
    } else {
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

const NEEDS_QUOTES = /["\\\p{Cc}]/u;
const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

/** The inverse of unquoteCPath: a path as git writes it, C-quoted when it holds a quote, backslash or control byte. */
export function quoteCPath(path: string): string {
  if (!NEEDS_QUOTES.test(path)) return path;
  const escaped = [...path].map((ch) => {
    const code = ch.charCodeAt(0);
    return NAMED[ch] ?? (code < 0x20 || code === 0x7f ? `\\${code.toString(8).padStart(3, '0')}` : ch);
  });
  return `"${escaped.join('')}"`;
}

/** `+++ b/dir/file\t2024-01-01 …` → `dir/file`; `/dev/null` → null. */
export function pathFromMarker(rest: string, prefix: string): string | null {
  let text = rest.startsWith('"') ? unquoteCPath(rest.replace(/\t.*$/, '')) : rest.replace(/\t.*$/, '');
  if (text === '/dev/null') return null;
  if (text.startsWith(prefix)) text = text.slice(prefix.length);
  return text;
}

/** Paths of `diff --git a/X b/Y` (or `diff --cc X`), used when no `+++` line names the new file. */
export function pathFromDiffLine(line: string): string | null {
  const combined = /^diff --(?:cc|combined) (.+)$/.exec(line);
  if (combined) return unquoteCPath(combined[1]!);
  const rest = line.replace(/^diff --git /, '');
  if (rest === line) return null;
  const quoted = /"(?:[^"\\]|\\.)*"$/.exec(rest);
  if (quoted) return pathFromMarker(quoted[0], 'b/');
  const half = (rest.length - 5) / 2;
  if (Number.isInteger(half) && rest.startsWith('a/') && rest.slice(2 + half) === ` b/${rest.slice(2, 2 + half)}`) {
    return rest.slice(2, 2 + half);
  }
  const at = rest.lastIndexOf(' b/');
  return at === -1 ? null : rest.slice(at + 3);
}

export function parseFileHeader(header: FileHeader, line: string): void {
  if (line.startsWith('+++ ')) {
    header.path = pathFromMarker(line.slice(4), 'b/');
    if (header.path === null) header.deleted = true;
  } else if (line.startsWith('--- ')) {
    header.oldPath ??= pathFromMarker(line.slice(4), 'a/');
  } else if (line.startsWith('rename to ') || line.startsWith('copy to ')) {
    header.path = unquoteCPath(line.slice(line.indexOf(' to ') + 4));
  } else if (line.startsWith('rename from ') || line.startsWith('copy from ')) {
    header.oldPath = unquoteCPath(line.slice(line.indexOf(' from ') + 6));
  } else if (line.startsWith('new file mode')) {
    header.created = true;
    if (/ 160000$/.test(line)) header.submodule = true;
  } else if (line.startsWith('deleted file mode')) {
    header.deleted = true;
  } else if (/^(?:new file mode|new mode|index \S+) 160000$/.test(line)) {
    header.submodule = true;
  } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
    header.binary = true;
    const m = / and (.+) differ$/.exec(line);
    if (m && header.path === null) header.path = pathFromMarker(m[1]!, 'b/');
    if (m?.[1] === '/dev/null') header.deleted = true;
  }
  if (line.startsWith('index ')) {
    header.index = true;
    const ids = /^index ([0-9a-f]+)\.\.([0-9a-f]+)/.exec(line);
    if (ids) header.blobs = { old: ids[1]!, new: ids[2]! };
  }
  if (header.path === null && !header.deleted && header.diffLine) header.path = pathFromDiffLine(header.diffLine);
}
