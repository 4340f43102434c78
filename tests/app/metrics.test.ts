/**
 * `/metrics` served over real HTTP by the observability handler, after events from a private bus, GitHub API
 * responses through a real Octokit, and a queue reporting itself: the expected series, and no repository name or
 * value anywhere in the text.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Octokit } from '@octokit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppEvents, type ScanObservation } from '../../src/app/events.js';
import { AppMetrics, instrumentOctokit, setQueueGauges } from '../../src/app/metrics.js';
import { registerObservabilityRoutes } from '../../src/app/routes.js';
import { MemoryBackend } from '../../src/app/stats/memory.js';
import { StatsStore } from '../../src/app/stats/store.js';

const NIR = '1 85 05 78 006 084 91';

const observation = (o: Partial<ScanObservation>): ScanObservation => ({
  repository: 'acme/secret-payroll', privateRepository: true, run: 'sondier', conclusion: 'failure', durationMs: 1500,
  files: 4, findings: 3, byDetector: { nir: 2, iban: 1 }, bySeverity: { error: 2, warning: 1, notice: 0 }, at: Date.now(), ...o,
});

/** GitHub as Octokit sees it: fixed answers with rate-limit headers. */
function github(answers: Array<{ status: number; remaining: string }>): Octokit {
  const fetch = async () => {
    const a = answers.shift()!;
    return new Response(JSON.stringify(a.status < 400 ? {} : { message: 'Server Error' }), {
      status: a.status, headers: { 'content-type': 'application/json', 'x-ratelimit-remaining': a.remaining },
    });
  };
  return new Octokit({ request: { fetch, retries: 0 } });
}

describe('GET /metrics', () => {
  const events = new AppEvents();
  const metrics = new AppMetrics();
  let server: Server;
  let url = '';
  let stop = () => {};

  beforeAll(async () => {
    const handlers: Array<Parameters<Parameters<typeof registerObservabilityRoutes>[0]>[0]> = [];
    stop = registerObservabilityRoutes((h) => handlers.push(h), { events, metrics, store: new StatsStore(new MemoryBackend()), metricsToken: 'scrape-me' });
    server = createServer(async (req, res) => {
      for (const h of handlers) if (await h(req, res)) return;
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    stop();
    await new Promise((resolve) => server.close(resolve));
  });

  afterEach(() => setQueueGauges(async () => ({ depth: 0, oldestAgeSeconds: 0 })));

  const scrape = async (): Promise<string> => {
    const res = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer scrape-me' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('wants the bearer token when one is configured', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong-one' } })).status).toBe(401);
  });

  it('counts deliveries by event, scans by kind and conclusion, their durations, findings by detector and severity', async () => {
    events.delivery('push');
    events.delivery('push');
    events.delivery('pull_request');
    events.delivery('something-else');
    events.scanned(observation({}));
    events.scanned(observation({ run: 'sondier (pull request)', conclusion: 'success', durationMs: 40, files: 2, findings: 0, byDetector: {}, bySeverity: { error: 0, warning: 0, notice: 0 } }));
    events.scanned(observation({ repository: 'acme/site', privateRepository: false, durationMs: 7000, findings: 1, byDetector: { email: 1, 'made-up': 2 }, bySeverity: { error: 0, warning: 0, notice: 1 } }));
    const text = await scrape();
    const lines = text.split('\n');
    for (const expected of [
      'sondier_webhook_deliveries_total{event="push"} 2',
      'sondier_webhook_deliveries_total{event="pull_request"} 1',
      'sondier_webhook_deliveries_total{event="other"} 1',
      'sondier_scans_total{kind="push",conclusion="failure"} 2',
      'sondier_scans_total{kind="pull_request",conclusion="success"} 1',
      'sondier_scan_duration_seconds_bucket{le="0.1",kind="pull_request"} 1',
      'sondier_scan_duration_seconds_bucket{le="2.5",kind="push"} 1',
      'sondier_scan_duration_seconds_bucket{le="10",kind="push"} 2',
      'sondier_scan_duration_seconds_count{kind="push"} 2',
      'sondier_scan_duration_seconds_sum{kind="push"} 8.5',
      'sondier_scanned_files_total{kind="push"} 8',
      'sondier_findings_total{detector="nir"} 2',
      'sondier_findings_total{detector="iban"} 1',
      'sondier_findings_total{detector="email"} 1',
      'sondier_findings_total{detector="other"} 2',
      'sondier_findings_by_severity_total{severity="error"} 2',
      'sondier_findings_by_severity_total{severity="warning"} 1',
      'sondier_findings_by_severity_total{severity="notice"} 1',
      '# TYPE sondier_scan_duration_seconds histogram',
    ]) expect(lines, expected).toContain(expected);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).not.toMatch(/acme|secret-payroll|site|made-up/);
    expect(text).not.toContain(NIR.replace(/ /g, ''));
    expect(text).not.toMatch(/repo(sitory)?="/);
  });

  it('reports the queue through the provider its owner sets, 0 until then', async () => {
    expect(await scrape()).toMatch(/^sondier_queue_depth 0$/m);
    setQueueGauges(async () => ({ depth: 7, oldestAgeSeconds: 42.5 }));
    const text = await scrape();
    expect(text).toMatch(/^sondier_queue_depth 7$/m);
    expect(text).toMatch(/^sondier_queue_oldest_job_age_seconds 42\.5$/m);
    setQueueGauges(() => {
      throw new Error('sondier: Redis is down.');
    });
    expect(await scrape()).toMatch(/^sondier_queue_depth 0$/m);
  });

  it('counts GitHub API errors by status and keeps the remaining rate limit, from a real Octokit', async () => {
    const octokit = instrumentOctokit(github([{ status: 200, remaining: '4990' }, { status: 502, remaining: '4989' }, { status: 404, remaining: '4988' }, { status: 200, remaining: '4987' }]));
    await octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'secret-payroll' });
    await expect(octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'secret-payroll' })).rejects.toMatchObject({ status: 502 });
    await expect(octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'secret-payroll' })).rejects.toMatchObject({ status: 404 });
    const text = await scrape();
    expect(text).toMatch(/^sondier_github_api_errors_total\{status="502"\} 1$/m);
    expect(text).toMatch(/^sondier_github_api_errors_total\{status="404"\} 1$/m);
    expect(text).toMatch(/^sondier_github_rate_limit_remaining 4988$/m);
    await octokit.request('GET /rate_limit');
    expect(await scrape()).toMatch(/^sondier_github_rate_limit_remaining 4987$/m);
    expect(await scrape()).not.toContain('secret-payroll');
  });

  it('stops counting once unsubscribed, and each registry starts at zero', async () => {
    const other = new AppMetrics({ defaultMetrics: false });
    const stopOther = other.observe(events);
    events.delivery('check_run');
    stopOther();
    events.delivery('check_run');
    const text = (await other.render()).body;
    expect(text).toMatch(/^sondier_webhook_deliveries_total\{event="check_run"\} 1$/m);
    expect(text).not.toMatch(/event="push"/);
  });
});
