/**
 * The public stats page end to end: the built app started as `npm start` starts it, against the fake GitHub, real
 * scans through signed webhooks (a public and a private repository, pushes and a pull request, several detectors),
 * then `/stats` opened in Debian's Chromium through playwright-core. The numbers shown must be the scans performed;
 * the private repository's name and the raw values must appear nowhere; the keyboard must reach the links with a
 * visible focus, starting with the skip links; axe-core must find no serious or critical WCAG 2.1 A/AA violation.
 * The page is the default one (no SONDIER_DSFR_DIR): DSFR markup, styled by our own stylesheet. A screenshot is kept
 * in a temp dir; `UPDATE_SCREENSHOT=1` also copies it to docs/stats-page.png for the README (a test run must not
 * modify tracked files, and the page shows the date).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startAppServer, type AppServer } from './helpers/app-server.js';
import { examplePayload, patchPayload, sendWebhook, startFakeGitHub, type FakeGitHub, type Payload } from './helpers/fake-github.js';
import { TempRepo } from './helpers/git-repo.js';
import { frenchIban, groupsOfFour, nirWithKey } from './helpers/identifiers.js';
import { NO_CHROMIUM } from './helpers/system-tools.js';

const CHROMIUM = '/usr/bin/chromium';
const OWNER = 'acme';
const PUBLIC = 'site';
const PRIVATE = 'confidential-payroll';
const SECRET = 'stats-e2e-secret';
const NIR_A = nirWithKey('1850578006701');
const NIR_B = nirWithKey('2900675123702');
const NIR_C = nirWithKey('1760269123703');
const IBAN = groupsOfFour(frenchIban('30004', '00031', '00010043787'));
const EMAIL_A = 'jeanne.dupont@orange.fr';
const EMAIL_B = 'paul.martin@laposte.net';
const PHONE = '06 71 42 93 08';
const RAW = [NIR_A, NIR_B, NIR_C, IBAN, EMAIL_A, EMAIL_B, PHONE].flatMap((v) => [v, v.replace(/\s/g, '')]);

/** What the scans below find, this week: the page must show exactly this. */
const EXPECTED = { pushes: 3, pulls: 1, findings: { nir: 3, iban: 1, email: 2, phone: 1 } };

describe.skipIf(NO_CHROMIUM)('the public stats page, in Chromium, after real scans', { timeout: 60_000 }, () => {
  const site = new TempRepo();
  const payroll = new TempRepo();
  const profile = mkdtempSync(join(tmpdir(), 'sondier-chromium-'));
  const shots = mkdtempSync(join(tmpdir(), 'sondier-shots-'));
  let gh: FakeGitHub;
  let app: AppServer;
  let browser: BrowserContext;
  let page: Page;
  let html = '';
  const heads: Record<string, string> = {};
  let deliveries = 0;

  const branch = (repo: TempRepo, name: string, files: Record<string, string>): string => {
    repo.git('checkout', '-q', '-b', name, 'main');
    for (const [path, content] of Object.entries(files)) repo.write(path, content);
    const sha = repo.commit(name);
    repo.git('checkout', '-q', 'main');
    return sha;
  };

  const push = async (name: string, after: string, before: string, ref: string, privateRepository: boolean) => {
    const payload: Payload = patchPayload(examplePayload('push'), { owner: OWNER, name, installationId: 1, defaultBranch: 'main', before, after, ref, commits: [{ id: after }] });
    (payload.repository as { private: boolean }).private = privateRepository;
    await deliver('push', payload);
  };

  const deliver = async (event: string, payload: Payload) => {
    const res = await sendWebhook(app.webhookUrl, { event, id: `stats-${process.pid}-${++deliveries}`, payload, secret: SECRET });
    expect(res.status, res.body).toBe(200);
  };

  beforeAll(async () => {
    site.write('README.md', '# Site\n');
    const siteMain = site.commit('initial');
    heads.contacts = branch(site, 'feature/contacts', { 'contacts.csv': `nom;nir;iban;courriel\nDupont;${NIR_A};${IBAN};${EMAIL_A}\n` });
    heads.callback = branch(site, 'feature/callback', { 'notes.md': `# Rappels\n\nRappeler Mme Durand au ${PHONE}, NIR ${NIR_B}.\n` });
    payroll.write('README.md', '# Paie\n');
    const payrollMain = payroll.commit('initial');
    heads.export = branch(payroll, 'feature/export', { 'paie.csv': `nom;nir;email\nMartin;${NIR_C};${EMAIL_B}\n` });
    heads.clean = branch(payroll, 'feature/clean', { 'README.md': '# Paie\n\nRien de personnel.\n' });

    gh = await startFakeGitHub({
      repo: site, owner: OWNER, name: PUBLIC, installationId: 1, appId: 1,
      pulls: { 7: { base: 'main', head: heads.callback } },
      otherRepos: [{ owner: OWNER, name: PRIVATE, repo: payroll }],
    });
    app = await startAppServer({ gheHost: gh.host, secret: SECRET });

    await push(PUBLIC, heads.contacts, siteMain, 'refs/heads/feature/contacts', false);
    await push(PRIVATE, heads.export, payrollMain, 'refs/heads/feature/export', true);
    await push(PRIVATE, heads.clean, payrollMain, 'refs/heads/feature/clean', true);
    await deliver('pull_request', patchPayload(examplePayload('pull_request', 'opened'), {
      owner: OWNER, name: PUBLIC, installationId: 1, defaultBranch: 'main',
      pull: { number: 7, base: { sha: siteMain, ref: 'main' }, head: { sha: heads.callback, ref: 'feature/callback' } },
    }));

    // Every check run completed and counted: the stats are recorded right after a run completes.
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline) {
      const text = await (await fetch(`${app.url}/stats`)).text();
      if (text.includes(`data-stat="pushes">${EXPECTED.pushes}<`) && text.includes(`data-stat="pull-requests">${EXPECTED.pulls}<`)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, locale: 'fr-FR', viewport: { width: 1280, height: 900 },
      // The page forbids inline scripts; axe-core is injected as one, so the audit (only) bypasses the policy.
      bypassCSP: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    const response = await page.goto(`${app.url}/stats`);
    expect(response?.status()).toBe(200);
    html = await page.content();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await gh?.close();
    site.remove();
    payroll.remove();
    rmSync(profile, { recursive: true, force: true });
    rmSync(shots, { recursive: true, force: true });
  });

  it('ran the scans the page is checked against', () => {
    const titles = gh.checkRuns.map((r) => `${r.name} ${r.status} ${r.output.title}`).sort();
    expect(titles).toEqual([
      'sondier (pull request) completed 2 personal data found: 1 NIR, 1 phone number',
      'sondier completed 2 personal data found: 1 NIR, 1 email',
      'sondier completed 3 personal data found: 1 NIR, 1 IBAN, 1 email',
      'sondier completed No personal data found',
    ]);
  });

  it('shows the repositories protected, the pushes and pull requests scanned, and this week per detector', async () => {
    const stat = (key: string) => page.locator(`[data-stat="${key}"]`).innerText();
    expect(await stat('repositories')).toBe('2');
    expect(await page.locator('.sondier-figure', { has: page.locator('[data-stat="repositories"]') }).innerText()).toContain('dont 1 public et 1 privé');
    expect(await stat('pushes')).toBe(String(EXPECTED.pushes));
    expect(await stat('pull-requests')).toBe(String(EXPECTED.pulls));
    expect(await stat('findings')).toBe('7');
    expect(await stat('median')).toMatch(/^\d[\d,  ]* (ms|s)$/);

    // The current week is the first row of the weekly table; its columns are the detectors that found something.
    const table = page.locator('#tableau-semaines');
    const headings = await table.locator('thead th').allInnerTexts();
    expect(headings).toEqual(['Semaine', 'NIR', 'IBAN', 'E-mail', 'Téléphone', 'Total']);
    const thisWeek = table.locator('tbody tr').first();
    expect(await thisWeek.locator('th').innerText()).toMatch(/^Semaine \d+ \(du .+\), en cours$/);
    expect(await thisWeek.locator('td').allInnerTexts()).toEqual(['3', '1', '2', '1', '7']);
    for (const [detector, n] of Object.entries(EXPECTED.findings)) {
      expect(await page.locator(`#tableau-detecteurs tr[data-detector="${detector}"] td`).innerText()).toBe(String(n));
    }
    expect(await page.locator('#tableau-detecteurs tr[data-detector="siret"] td').innerText()).toBe('0');
    const scans = page.locator('#tableau-analyses tbody tr').first().locator('td');
    expect(await scans.allInnerTexts()).toEqual(['3', '1', '4']);
    expect(await page.locator('#tableau-temps tr[data-measure="count"] td').innerText()).toBe('4');
  });

  it('draws each chart as one named image, explained in words, followed by its data table', async () => {
    const charts = page.locator('svg.sondier-chart');
    expect(await charts.count()).toBe(3);
    for (const chart of await charts.all()) {
      expect(await chart.getAttribute('role')).toBe('img');
      const [titleId, summaryId] = (await chart.getAttribute('aria-labelledby'))!.split(' ');
      expect(await chart.locator(`title#${titleId}`).count()).toBe(1);
      expect((await page.locator(`#${summaryId}`).innerText()).length).toBeGreaterThan(20);
      expect(await chart.evaluate((svg) => svg.nextElementSibling?.querySelector('table caption') !== null)).toBe(true);
    }
    expect(await page.locator('#semaines-resume').innerText()).toContain('7 données personnelles détectées sur les 12 dernières semaines, dont 7 cette semaine');
    expect(await page.locator('#detecteurs-resume').innerText()).toContain('NIR (numéro de sécurité sociale) (3)');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    // Without SONDIER_DSFR_DIR: our own stylesheet only, and it applies (nothing is loaded from elsewhere).
    expect(await page.locator('link[rel="stylesheet"]').evaluateAll((links) => links.map((l) => (l as unknown as FocusedElement).getAttribute('href'))))
      .toEqual(['/stats/assets/stats.css']);
    expect(await page.locator('.fr-header').evaluate((e) => (globalThis as unknown as Browser).getComputedStyle(e).backgroundColor)).toBe('rgb(27, 63, 139)');
    // The DSFR's markup, but none of what only State services may show: no block-mark, no Marianne, no State logo.
    expect(html).toContain('class="fr-table__container"');
    expect(html).not.toMatch(/fr-logo|fr-header__logo|fr-header__operator|République/i);
  });

  it('names no private repository and shows no value, in the page or in /metrics', async () => {
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/^sondier_scans_total\{kind="push",conclusion="failure"\} 2$/m);
    expect(metrics).toMatch(/^sondier_findings_total\{detector="nir"\} 3$/m);
    expect(metrics).toMatch(/^sondier_webhook_deliveries_total\{event="pull_request"\} 1$/m);
    expect(html).toContain(`${OWNER}/${PUBLIC}`);
    for (const text of [html, metrics]) {
      expect(text).not.toContain(PRIVATE);
      for (const value of RAW) expect(text.includes(value), value).toBe(false);
    }
  });

  it('lets the keyboard reach every link, with a visible focus', async () => {
    const focused = async () => page.evaluate(() => {
      const browser = globalThis as unknown as Browser;
      const e = browser.document.activeElement!;
      const style = browser.getComputedStyle(e);
      const box = e.getBoundingClientRect();
      return { tag: e.tagName, text: e.textContent?.trim() ?? '', href: e.getAttribute('href'), outline: `${style.outlineStyle} ${style.outlineWidth}`, visible: box.width > 0 && box.height > 0 && box.top >= 0 };
    });
    await page.keyboard.press('Tab');
    const skip = await focused();
    expect(skip).toMatchObject({ tag: 'A', text: 'Contenu', href: '#contenu', visible: true });
    expect(skip.outline).toMatch(/^solid [3-9]px$/);
    const expected = ['#contenu', '#sommaire', '#pied-de-page', '/stats', '#chiffres', '#semaines', '#detecteurs', '#analyses', '#depots', '#confidentialite'];
    const visited = [skip.href];
    for (let i = 1; i < expected.length; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      expect(f.visible, JSON.stringify(f)).toBe(true);
      expect(f.outline, JSON.stringify(f)).toMatch(/^solid [3-9]px$/);
      visited.push(f.href);
    }
    expect(visited).toEqual(expected);
    await page.keyboard.press('Shift+Tab'); // back to the summary's last but one link, then follow it
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (globalThis as unknown as Browser).location.hash)).toBe('#depots');
    await page.screenshot({ path: join(shots, 'focus.png') });
  });

  it('passes an axe-core audit (WCAG 2.1 A and AA) with no serious or critical violation, and is photographed', async () => {
    await page.goto(`${app.url}/stats`);
    const file = join(shots, 'stats-page.png');
    await page.screenshot({ path: file, fullPage: true });
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(file, join(ROOT, 'docs', 'stats-page.png'));
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const results = await page.evaluate(async () => {
      const { axe, document } = globalThis as unknown as Browser;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, elementRef: true });
      return {
        violations: r.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, nodes: v.nodes.length })),
        passes: r.passes.length,
        incomplete: r.incomplete.map((v) => ({
          id: v.id,
          nodes: v.nodes.map(({ element: e }) => ({ tag: e.tagName, inChart: e.closest('svg.sondier-chart') !== null, fill: e.getAttribute('fill') })),
        })),
        barFills: [...new Set(Array.from(document.querySelectorAll('svg.sondier-chart rect'), (e) => e.getAttribute('fill')))],
      };
    });
    console.info(`axe-core: ${results.passes} rules passed; violations: ${JSON.stringify(results.violations)}; ` +
      `left to review: ${JSON.stringify(results.incomplete.map((i) => `${i.id} (${i.nodes.length} nodes)`))}`);
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    expect(results.violations).toEqual([]);
    // What axe cannot decide: the charts' SVG labels, whose background it cannot compute. Checked here instead: dark
    // text on the white page (AA asks 4.5:1), bars at 3:1 at least against it (WCAG 1.4.11).
    for (const check of results.incomplete) {
      expect(check.id).toBe('color-contrast');
      for (const node of check.nodes) {
        expect(node).toMatchObject({ tag: 'text', inChart: true });
        expect(contrastOnWhite(node.fill!)).toBeGreaterThanOrEqual(4.5);
      }
    }
    expect(results.barFills.length).toBeGreaterThan(0);
    for (const fill of results.barFills) expect(contrastOnWhite(fill!)).toBeGreaterThanOrEqual(3);
  });
});

/** What the page's scripts see of the browser (this project compiles without the DOM library). */
interface Browser {
  document: { activeElement: FocusedElement | null; querySelectorAll(selector: string): ArrayLike<AxeElement> };
  location: { hash: string };
  getComputedStyle(element: unknown): { outlineStyle: string; outlineWidth: string; backgroundColor: string };
  axe: { run(context: unknown, options: object): Promise<AxeResults> };
}

interface FocusedElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number; top: number };
}

interface AxeElement {
  tagName: string;
  closest(selector: string): AxeElement | null;
  getAttribute(name: string): string | null;
}

interface AxeResults {
  violations: Array<{ id: string; impact?: string | null; nodes: unknown[] }>;
  passes: unknown[];
  incomplete: Array<{ id: string; nodes: Array<{ element: AxeElement }> }>;
}

/** WCAG's contrast ratio of a `#rrggbb` colour against white. */
function contrastOnWhite(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}
