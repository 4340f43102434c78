/**
 * The stats page's stylesheets over real HTTP, with and without an operator's DSFR. The "DSFR" here is a stand-in
 * written by the test (a one-rule dsfr.min.css, a few fake bytes as a font): sondier never installs the real one,
 * whose terms only its operator can accept. Checked: which stylesheets the page links and what its CSP allows, the
 * content types and cache headers of what dist/ serves, 404 for every way out of dist/ (`..`, encoded or not,
 * absolute paths, backslashes, symlinks) and for file types a stylesheet does not load, and the fallback, with one
 * warning, when SONDIER_DSFR_DIR names no DSFR.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApplicationFunctionOptions, Probot } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppEvents } from '../../src/app/events.js';
import { AppMetrics } from '../../src/app/metrics.js';
import { observabilityHandler, observeApp } from '../../src/app/routes.js';
import { dsfrFromEnv, type Dsfr } from '../../src/app/stats/dsfr.js';
import { MemoryBackend } from '../../src/app/stats/memory.js';
import { StatsStore } from '../../src/app/stats/store.js';

type Handler = Parameters<ApplicationFunctionOptions['addHandler']>[0];

const root = mkdtempSync(join(tmpdir(), 'sondier-dsfr-'));
const pkg = join(root, 'node_modules', '@gouvfr', 'dsfr');
const FONT = Buffer.from([0x77, 0x4f, 0x46, 0x32, 0, 1, 2, 3, 0xff]);
const CSS = '/* stand-in written by the test, not DSFR content */ .fr-container { outline: 1px solid red; }\n';

function write(path: string, content: string | Buffer): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

/** Answers like the App's server: our handler first, then 404 (Probot's own fallback). */
async function serve(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    if (!(await handler(req, res))) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const handlerFor = (dsfr?: Dsfr): Handler =>
  observabilityHandler({ events: new AppEvents(), store: new StatsStore(new MemoryBackend()), metrics: new AppMetrics(), dsfr });

/** A request path sent as is: fetch would resolve `..` and `.` segments before sending them. */
function raw(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).end();
  });
}

const links = (html: string): string[] => [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]!);

beforeAll(() => {
  write(join(pkg, 'package.json'), '{"name":"stand-in"}\n');
  write(join(pkg, 'dist', 'dsfr.min.css'), CSS);
  write(join(pkg, 'dist', 'dsfr.module.min.js'), 'alert(1)\n');
  write(join(pkg, 'dist', 'fonts', 'Stand-In.woff2'), FONT);
  write(join(pkg, 'dist', 'icons', 'system', 'stand-in.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
  write(join(pkg, 'dist', 'utility', 'icons', 'icons.min.css'), '/* stand-in */\n');
  write(join(root, 'outside', 'secret.css'), 'secret\n');
  symlinkSync(join(root, 'outside', 'secret.css'), join(pkg, 'dist', 'leak.css'));
  symlinkSync(join(root, 'outside'), join(pkg, 'dist', 'escape'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('SONDIER_DSFR_DIR', () => {
  const warnings: string[] = [];
  const log = { warn: (message: string) => void warnings.push(message) };

  it('is an explicit opt-in: unset, there is no DSFR and nothing to say', () => {
    expect(dsfrFromEnv({}, log)).toBeUndefined();
    expect(dsfrFromEnv({ SONDIER_DSFR_DIR: '  ' }, log)).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('names an installed package: its dist/ is used', () => {
    expect(dsfrFromEnv({ SONDIER_DSFR_DIR: pkg }, log)?.dist).toMatch(/dsfr[/\\]dist$/);
    expect(warnings).toEqual([]);
  });

  it('names no DSFR: one warning each time it is read, and the page keeps its own stylesheet', () => {
    mkdirSync(join(root, 'empty', 'dist'), { recursive: true });
    expect(dsfrFromEnv({ SONDIER_DSFR_DIR: join(root, 'missing') }, log)).toBeUndefined();
    expect(dsfrFromEnv({ SONDIER_DSFR_DIR: join(root, 'empty') }, log)).toBeUndefined();
    expect(warnings).toHaveLength(2);
    for (const w of warnings) expect(w).toMatch(/^sondier: SONDIER_DSFR_DIR=.* has no dist\/dsfr\.min\.css/);
  });
});

describe('the stats page with an operator DSFR', () => {
  let url = '';
  let server: Server;

  beforeAll(async () => ({ url, server } = await serve(handlerFor(dsfrFromEnv({ SONDIER_DSFR_DIR: pkg })))));
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('links the DSFR, then our page rules, not our theme; its CSP allows this server\'s fonts', async () => {
    const res = await fetch(`${url}/stats`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(links(html)).toEqual(['/stats/assets/dsfr/dsfr.min.css', '/stats/assets/stats-page.css']);
    // The DSFR's header wants the State's block-mark: shown for the operator who opted in, never by default (below).
    expect(html).toContain('<div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div>');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    const page = await fetch(`${url}/stats/assets/stats-page.css`);
    expect(page.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await page.text()).toContain('.sondier-chart');
  });

  it('serves dist/ read-only with the right content types and cache headers', async () => {
    for (const [path, type, body] of [
      ['dsfr.min.css', 'text/css; charset=utf-8', Buffer.from(CSS)],
      ['fonts/Stand-In.woff2', 'font/woff2', FONT],
      ['icons/system/stand-in.svg', 'image/svg+xml', undefined],
      ['utility/icons/icons.min.css', 'text/css; charset=utf-8', undefined],
    ] as const) {
      const res = await fetch(`${url}/stats/assets/dsfr/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      if (body) expect(Buffer.from(await res.arrayBuffer())).toEqual(body);
    }
    const head = await fetch(`${url}/stats/assets/dsfr/fonts/Stand-In.woff2`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(FONT.length));
    expect((await fetch(`${url}/stats/assets/dsfr/dsfr.min.css`, { method: 'POST' })).status).toBe(404);
  });

  it('answers 404 to every way out of dist/ and to what a stylesheet does not load', async () => {
    const outside = join(root, 'outside', 'secret.css');
    for (const path of [
      '../package.json', '../../../outside/secret.css', '%2e%2e/package.json', '..%2f..%2f..%2foutside%2fsecret.css',
      '%2E%2E%5Cpackage.json', '..\\package.json', `/${outside}`, encodeURIComponent(outside), './dsfr.min.css',
      'fonts//Stand-In.woff2', 'dsfr.min.css%00.css', '%E0%A4%A', 'leak.css', 'escape/secret.css',
      'dsfr.module.min.js', 'fonts', 'fonts/', 'missing.css', '',
    ]) {
      const res = await raw(url, `/stats/assets/dsfr/${path}`);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('secret');
      expect(res.body, path).not.toContain('stand-in');
    }
  });
});

describe('the stats page without a DSFR', () => {
  let url = '';
  let server: Server;

  beforeAll(async () => ({ url, server } = await serve(handlerFor(undefined))));
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('links our stylesheet only, styling the DSFR class names itself; serves nothing below the DSFR path', async () => {
    const res = await fetch(`${url}/stats`);
    const html = await res.text();
    expect(links(html)).toEqual(['/stats/assets/stats.css']);
    expect(html).not.toMatch(/fr-logo|République/);
    expect(res.headers.get('content-security-policy')).not.toContain('font-src');
    const css = await fetch(`${url}/stats/assets/stats.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const text = await css.text();
    for (const rule of ['.fr-container{', '.fr-table__container{', '.fr-skiplinks:focus-within{', '.fr-callout{', '.sondier-chart{']) expect(text).toContain(rule);
    expect((await fetch(`${url}/stats/assets/dsfr/dsfr.min.css`)).status).toBe(404);
  });
});

describe('observeApp', () => {
  /** What observeApp needs of Probot: a logger, and a server to add a handler to. */
  const start = async (env: NodeJS.ProcessEnv) => {
    const warnings: string[] = [];
    const handlers: Handler[] = [];
    const app = { log: { info: () => {}, warn: (message: string) => void warnings.push(message) } } as unknown as Probot;
    observeApp(app, { addHandler: (h: Handler) => handlers.push(h) } as unknown as ApplicationFunctionOptions, env);
    expect(handlers).toHaveLength(1);
    const { url, server } = await serve(handlers[0]!);
    const html = await (await fetch(`${url}/stats`)).text();
    await new Promise((resolve) => server.close(resolve));
    return { warnings, links: links(html) };
  };

  it('reads SONDIER_DSFR_DIR from the environment it is given', async () => {
    expect(await start({ SONDIER_DSFR_DIR: pkg })).toEqual({ warnings: [], links: ['/stats/assets/dsfr/dsfr.min.css', '/stats/assets/stats-page.css'] });
    const wrong = await start({ SONDIER_DSFR_DIR: join(root, 'missing') });
    expect(wrong.links).toEqual(['/stats/assets/stats.css']);
    expect(wrong.warnings).toHaveLength(1);
    expect(wrong.warnings[0]).toMatch(/^sondier: SONDIER_DSFR_DIR=/);
    expect(await start({})).toEqual({ warnings: [], links: ['/stats/assets/stats.css'] });
  });
});
