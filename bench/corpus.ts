/**
 * The benchmark corpus: ~1,800 deterministic files (~44 MB) of code and data in .bench/corpus, with a manifest of what
 * was planted in .bench/corpus.json (outside the corpus, so it is not scanned). Regenerated only when missing, changed
 * on disk, or when GENERATOR_VERSION changes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Doc, generate, type Format } from './doc.js';
import { go, java, js, minjs, py, ts } from './gen-code.js';
import { css, csv, html, json, md, sql, svg, yaml } from './gen-data.js';
import { KINDS, zeroCounts, type Counts } from './pii.js';
import { Rng, pascal, snake, WORDS } from './rng.js';

/** Bump whenever a change to the generators would change a byte of the corpus. */
export const GENERATOR_VERSION = 3;
const SEED = 0x50d1e7;
const REGULAR_FILES = 1800;
/** Mean characters between two planted values: sparse, ~1,500 in the whole corpus. */
export const PLANT_GAP = 32_000;

export const FORMATS: Record<string, Format> = { ts, js, py, java, go, sql, json, yaml, csv, md, html, css, svg, minjs };

const WEIGHTS: [string, number][] = [
  ['ts', 16], ['js', 7], ['py', 13], ['java', 10], ['go', 10], ['sql', 5], ['json', 8], ['yaml', 7], ['md', 8],
  ['csv', 4], ['html', 5], ['css', 4], ['svg', 3],
];

const LARGE: [string, string, number][] = [
  ['db/dumps/clients_2023.sql', 'sql', 5_500_000],
  ['fixtures/large/transactions.json', 'json', 3_000_000],
  ['data/exports/ledger_2024.csv', 'csv', 2_500_000],
  ['web/static/js/vendor.min.js', 'minjs', 2_100_000],
  ['docs/CHANGELOG.md', 'md', 1_000_000],
];

export interface CorpusFile {
  path: string;
  format: string;
  bytes: number;
  planted: Counts;
}

export interface Manifest {
  version: number;
  files: CorpusFile[];
  bytes: number;
  planted: Counts;
  sha256: string;
}

const PKGS = WORDS.slice(0, 14);

function pathFor(r: Rng, format: string, i: number): string {
  const w = (): string => r.pick(PKGS);
  switch (format) {
    case 'ts': return `packages/${w()}/src/${w()}/${r.pick(WORDS)}-${r.pick(WORDS)}${r.chance(0.25) ? '.test' : ''}.ts`;
    case 'js': return `packages/${w()}/lib/${r.pick(WORDS)}.js`;
    case 'py': return `services/${w()}/${w()}_app/${snake(r)}.py`;
    case 'java': return `backend/src/main/java/fr/acme/${w()}/${pascal(r)}Service.java`;
    case 'go': return `internal/${w()}/${snake(r)}${r.chance(0.3) ? '_test' : ''}.go`;
    case 'sql': return `db/migrations/V${i}__${snake(r, 3)}.sql`;
    case 'json': return `fixtures/${w()}/${snake(r)}.json`;
    case 'yaml': return `deploy/${w()}/${r.pick(WORDS)}.yaml`;
    case 'csv': return `data/${w()}/${snake(r)}_${r.int(2019, 2025)}.csv`;
    case 'md': return `docs/${w()}/${r.pick(WORDS)}-${r.pick(WORDS)}.md`;
    case 'html': return `web/templates/${w()}/${r.pick(WORDS)}.html`;
    case 'css': return `web/static/css/${r.pick(WORDS)}-${r.pick(WORDS)}.css`;
    default: return `web/static/img/${w()}/${r.pick(WORDS)}-${r.int(16, 512)}.svg`;
  }
}

function plan(r: Rng): { path: string; format: string; target: number }[] {
  const out = LARGE.map(([path, format, target]) => ({ path, format, target }));
  const seen = new Set(out.map((f) => f.path));
  for (let i = 0; i < REGULAR_FILES; i++) {
    const format = r.weighted(WEIGHTS);
    let path = pathFor(r, format, i);
    if (seen.has(path)) path = path.replace(/(\.[a-z]+)$/, `-${i}$1`);
    seen.add(path);
    out.push({ path, format, target: Math.round(Math.exp(Math.log(200) + r.next() * Math.log(100_000 / 200))) });
  }
  return out;
}

/** The manifest, if the corpus on disk is the one this generator version makes. */
function current(dir: string, manifestPath: string): Manifest | null {
  try {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (m.version !== GENERATOR_VERSION) return null;
    return m.files.every((f) => statSync(join(dir, f.path)).size === f.bytes) ? m : null;
  } catch {
    return null;
  }
}

export function ensureCorpus(benchDir: string): { dir: string; manifest: Manifest; generated: boolean } {
  const dir = join(benchDir, 'corpus');
  const manifestPath = join(benchDir, 'corpus.json');
  const existing = current(dir, manifestPath);
  if (existing) return { dir, manifest: existing, generated: false };
  rmSync(dir, { recursive: true, force: true });
  const r = new Rng(SEED);
  const hash = createHash('sha256');
  const files: CorpusFile[] = [];
  const planted = zeroCounts();
  for (const { path, format, target } of plan(r)) {
    const doc = new Doc(r, PLANT_GAP);
    const data = Buffer.from(generate(FORMATS[format]!, doc, target));
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
    hash.update(`${path}\0`).update(data);
    for (const k of KINDS) planted[k] += doc.planted[k];
    files.push({ path, format, bytes: data.length, planted: doc.planted });
  }
  const manifest: Manifest = {
    version: GENERATOR_VERSION,
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    planted,
    sha256: hash.digest('hex'),
  };
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { dir, manifest, generated: true };
}
