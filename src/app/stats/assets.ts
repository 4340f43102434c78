/**
 * The stats page's stylesheets, what links them and what serves them, all from the App itself.
 *
 * By default the page links stats.css: our theme for the DSFR class names it uses, plus the page's own rules. With an
 * operator's DSFR (dsfr.ts) it links the DSFR's dsfr.min.css, then stats-page.css: the DSFR has nothing for SVG bar
 * charts or key-figure values, so those few rules stay ours, while our theme stays out (it would restyle the DSFR's
 * components in sondier's colours). The DSFR's dist/ is served below /stats/assets/dsfr/, so the relative URLs inside
 * dsfr.min.css (fonts/…, icons/…) resolve to it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dsfrFile, type Dsfr } from './dsfr.js';
import { PAGE_CSS, STATS_CSS } from './style.js';

export const STYLESHEET_PATH = '/stats/assets/stats.css';
export const PAGE_STYLESHEET_PATH = '/stats/assets/stats-page.css';
export const DSFR_PREFIX = '/stats/assets/dsfr/';
export const DSFR_STYLESHEET_PATH = `${DSFR_PREFIX}dsfr.min.css`;

/** What the page links, in order. */
export const stylesheets = (dsfr: Dsfr | undefined): string[] =>
  dsfr ? [DSFR_STYLESHEET_PATH, PAGE_STYLESHEET_PATH] : [STYLESHEET_PATH];

/**
 * The page's policy: nothing but this server's stylesheets and images (no script, frame or third party). The DSFR also
 * loads its fonts (Marianne, Spectral) from dist/fonts/, allowed only when it is in use.
 */
export const contentSecurityPolicy = (dsfr: Dsfr | undefined): string =>
  `default-src 'none'; style-src 'self'; img-src 'self'${dsfr ? "; font-src 'self'" : ''}; ` +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const headers = (type: string, maxAge: number): Record<string, string> => ({
  'content-type': type,
  'cache-control': `public, max-age=${maxAge}`,
  'x-content-type-options': 'nosniff',
  // An asset opened on its own (an SVG icon, say) runs nothing.
  'content-security-policy': "default-src 'none'",
});

/**
 * Answers GET/HEAD on the stylesheets and, below the DSFR prefix, on the DSFR's files: 404 for anything dsfr.ts will
 * not serve, and for every such path when no DSFR is configured. False for other paths.
 */
export async function serveStatsAsset(req: IncomingMessage, res: ServerResponse, path: string, dsfr: Dsfr | undefined): Promise<boolean> {
  if (path === STYLESHEET_PATH) return send(req, res, 200, headers('text/css; charset=utf-8', 3600), STATS_CSS);
  if (path === PAGE_STYLESHEET_PATH) return send(req, res, 200, headers('text/css; charset=utf-8', 3600), PAGE_CSS);
  if (!path.startsWith(DSFR_PREFIX)) return false;
  const file = dsfr && (await dsfrFile(dsfr, path.slice(DSFR_PREFIX.length)));
  if (!file) return send(req, res, 404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }, 'sondier: not found.\n');
  // A day: the DSFR's file names carry no version, and an operator who upgrades it should not wait long.
  return send(req, res, 200, headers(file.type, 86_400), file.body);
}

function send(req: IncomingMessage, res: ServerResponse, status: number, head: Record<string, string>, body: string | Buffer): true {
  res.writeHead(status, { ...head, 'content-length': String(Buffer.byteLength(body)) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
