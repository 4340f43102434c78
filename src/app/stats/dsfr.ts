/**
 * The DSFR (French State design system, `@gouvfr/dsfr`) for the stats page, as an operator's explicit opt-in.
 *
 * sondier neither ships, installs nor downloads the DSFR: its terms of use reserve it to State services on .gouv.fr
 * sites, and installing it means accepting them. An operator entitled to it installs the package themselves, under
 * those terms, and sets SONDIER_DSFR_DIR to its directory. Nothing is auto-detected (not even in node_modules), so
 * the official look is never adopted on anyone's behalf. Its `dist/` is then served read-only: only regular files
 * inside it (symlinks resolved), only the types a stylesheet loads.
 */
import { realpathSync, statSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export const DSFR_ENV = 'SONDIER_DSFR_DIR';

export interface Dsfr {
  /** The real path of the package's `dist/`, which holds `dsfr.min.css`. */
  dist: string;
}

/** What a stylesheet loads: itself and other stylesheets, fonts, icons. Scripts, maps and the rest stay unserved. */
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The DSFR the operator pointed SONDIER_DSFR_DIR at, or undefined: when the variable is unset, or (with one warning)
 * when it names no directory holding `dist/dsfr.min.css`, in which case the page keeps its own stylesheet.
 */
export function dsfrFromEnv(env: NodeJS.ProcessEnv, log?: { warn(message: string): void }): Dsfr | undefined {
  const dir = env[DSFR_ENV]?.trim();
  if (!dir) return undefined;
  try {
    const dist = realpathSync(resolve(dir, 'dist'));
    if (statSync(join(dist, 'dsfr.min.css')).isFile()) return { dist };
  } catch {
    // Missing or unreadable: reported below, like a dist/ without the stylesheet.
  }
  log?.warn(`sondier: ${DSFR_ENV}=${dir} has no dist/dsfr.min.css (is @gouvfr/dsfr installed there?); the stats page keeps its own stylesheet`);
  return undefined;
}

/**
 * The file of `dist/` that `name` (a URL path below the DSFR prefix, still percent-encoded) names, with its content
 * type; undefined for anything else. The name is checked before touching the disk (no `.`, `..` or empty segment, so
 * no absolute path either; no backslash or NUL; an allowed extension), then its real path must still lie inside dist/.
 */
export async function dsfrFile(dsfr: Dsfr, name: string): Promise<{ body: Buffer; type: string } | undefined> {
  let path: string;
  try {
    path = decodeURIComponent(name);
  } catch {
    return undefined;
  }
  if (/[\\\0]/.test(path) || path.split('/').some((s) => s === '' || s === '.' || s === '..')) return undefined;
  if (!TYPES[extname(path).toLowerCase()]) return undefined;
  try {
    const real = await realpath(resolve(dsfr.dist, path));
    const inside = relative(dsfr.dist, real);
    if (!inside || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
    const type = TYPES[extname(real).toLowerCase()];
    if (!type || !(await stat(real)).isFile()) return undefined;
    return { body: await readFile(real), type };
  } catch {
    return undefined;
  }
}
