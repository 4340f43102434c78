/** The pure-JS engine: the `re2js` port, on latin1 strings (one char per byte). */
import type { RegexEngine } from './regex-engine.js';

interface Re2jsMatcher {
  find(from: number): boolean;
  start(group: number): number;
  end(group: number): number;
}
interface Re2jsPattern {
  matcher(input: string): Re2jsMatcher;
  groupCount(): number;
}
export interface Re2jsModule {
  RE2JS: { compile(source: string): Re2jsPattern };
}

/**
 * re2js reads each byte as one character (latin1), while native RE2 reads UTF-8: a pattern's non-ASCII escape
 * (`\x{A0}`, a no-break space) is spelt here as its UTF-8 bytes, so both engines match the same bytes. Such escapes
 * stand outside character classes (detector.ts): a class cannot hold a byte sequence.
 */
export function asLatin1Bytes(source: string): string {
  return source.replace(/\\x\{([0-9A-Fa-f]+)\}/g, (escape, hex: string) => {
    const code = parseInt(hex, 16);
    if (code < 0x80) return escape;
    const bytes = [...Buffer.from(String.fromCodePoint(code), 'utf8')];
    return `(?:${bytes.map((b) => `\\x{${b.toString(16)}}`).join('')})`;
  });
}

export function pureEngine({ RE2JS: engine }: Re2jsModule): RegexEngine {
  const RE2JS = { compile: (source: string) => engine.compile(asLatin1Bytes(source)) };
  /** Decodes a window once and reuses it for the successive searches over it (else dense matches go quadratic). */
  const searcher = (pattern: Re2jsPattern) => {
    let lastBuf: Buffer | null = null;
    let lastLimit = -1;
    let matcher: Re2jsMatcher | null = null;
    const find = (buf: Buffer, from: number, limit: number): Re2jsMatcher | null => {
      if (buf !== lastBuf || limit !== lastLimit) {
        lastBuf = buf;
        lastLimit = limit;
        matcher = pattern.matcher(buf.toString('latin1', 0, limit));
      }
      return matcher!.find(from) ? matcher : null;
    };
    const release = () => {
      lastBuf = matcher = null;
      lastLimit = -1;
    };
    return Object.assign(find, { release });
  };
  return {
    name: 're2js',
    compile(source) {
      const pattern = RE2JS.compile(source);
      const find = searcher(pattern);
      return {
        groupCount: pattern.groupCount(),
        search(buf, from, limit) {
          const m = find(buf, from, limit);
          return m ? { start: m.start(0), end: m.end(0) } : null;
        },
      };
    },
    compileAnchored(source) {
      const pattern = RE2JS.compile(`^(?:${source})`);
      return {
        endAt(buf, start, limit) {
          const m = pattern.matcher(buf.toString('latin1', start, limit));
          return m.find(0) ? start + m.end(0) : -1;
        },
      };
    },
    compileCandidates(delimiter, alternatives) {
      const find = searcher(RE2JS.compile(`(?:^|${delimiter})(?:${alternatives.map((a) => `(${a})`).join('|')})`));
      const all = alternatives.map((_, i) => i); // re2js has no set: the caller tries each alternative
      return {
        next(buf, from) {
          const m = find(buf, from, buf.length);
          if (!m) return null;
          for (let g = 1; g <= alternatives.length; g++) {
            if (m.start(g) >= 0) return { start: m.start(g), end: m.end(g), alt: g - 1, matching: all };
          }
          throw new Error('sondier: internal error: a candidate no alternative explains.');
        },
        release: find.release,
      };
    },
  };
}
