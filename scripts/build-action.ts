/**
 * Bundles the Action into dist/ (committed: an Action has no install step). `--check` rebuilds in memory and fails
 * when the committed copy differs, so CI catches a stale dist/.
 *
 * - The pure-JS RE2 port goes in the bundle; the native `re2` addon stays out (see src/action/main.ts).
 * - The core loads some libraries lazily with `createRequire(import.meta.url)('name')` (start-up time of the CLI);
 *   esbuild cannot follow that, so those calls become plain `require('name')`, which it bundles and still runs lazily.
 * - dist/package.json marks the bundle as ESM and carries sondier's name and version (reports name the tool).
 * - dist/licenses.txt gathers the licenses of the bundled packages, as their licenses ask.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');

const lazyRequires: Plugin = {
  name: 'lazy-requires',
  setup(b) {
    b.onLoad({ filter: /[\\/](src|detectors)[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replace(/createRequire\(import\.meta\.url\)\(/g, 'require('), loader: 'ts' };
    });
  },
};

async function bundle(): Promise<Map<string, string>> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; license: string };
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/action/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: 'dist/index.js',
    external: ['re2'],
    plugins: [lazyRequires],
    // Bundled CommonJS packages call require() for Node built-ins: give the ES module a real one.
    banner: { js: "import { createRequire as __sondierCreateRequire } from 'node:module';\nconst require = __sondierCreateRequire(import.meta.url);" },
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'warning',
    // Paths in the bundle's comments stay `node_modules/…` even where node_modules is a symlink (a git worktree).
    preserveSymlinks: true,
  });
  const files = new Map<string, string>();
  for (const out of result.outputFiles) files.set(relative(root, out.path), out.text);
  files.set('dist/package.json', `${JSON.stringify({ name: pkg.name, version: pkg.version, private: true, type: 'module' }, null, 2)}\n`);
  files.set('dist/licenses.txt', licenses(result.metafile, pkg));
  return files;
}

/** Every bundled package's name, version, license and license text, sorted by name. */
function licenses(meta: Metafile, own: { name: string; license: string }): string {
  const dirs = new Set<string>();
  for (const input of Object.keys(meta.inputs)) {
    const m = /^(.*node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(input);
    if (m) dirs.add(m[1]!);
  }
  const entries = [...dirs].map((dir) => {
    const p = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
    const file = readdirSync(join(root, dir)).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
    const text = file ? readFileSync(join(root, dir, file), 'utf8').trim() : '(no license file in the package)';
    return { key: p.name, text: `${p.name}@${p.version}\n${p.license ?? 'UNKNOWN'}\n\n${text}\n` };
  });
  entries.sort((a, b) => a.key.localeCompare(b.key));
  const head = `${own.name} (${own.license}) bundles the packages below.\n`;
  return [head, ...entries.map((e) => e.text)].join(`\n${'-'.repeat(78)}\n\n`);
}

const files = await bundle();
if (process.argv.includes('--check')) {
  const stale = [...files].filter(([path, text]) => !existsSync(join(root, path)) || readFileSync(join(root, path), 'utf8') !== text);
  if (stale.length > 0) {
    console.error(`sondier: dist/ is stale (not what a fresh build gives: ${stale.map(([p]) => p).join(', ')}); run \`npm run build:action\` and commit dist/.`);
    process.exitCode = 1;
  } else console.log(`dist/ is up to date (${files.size} files).`);
} else {
  await mkdir(dist, { recursive: true });
  for (const [path, text] of files) await writeFile(join(root, path), text);
  console.log(`wrote ${[...files.keys()].join(', ')}`);
}
