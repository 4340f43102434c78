/**
 * `GET /metrics` (Prometheus text), on the App's server and on a dedicated worker's health port alike. With
 * METRICS_TOKEN set it wants `Authorization: Bearer <token>`: the exposition names no repository, but an operator may
 * still not want it public.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppMetrics } from './metrics.js';

export const METRICS_PATH = '/metrics';

export function metricsHandler(metrics: AppMetrics, token?: string): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    if ((req.url ?? '/').split('?')[0] !== METRICS_PATH) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (!authorized(req, token)) {
      return send(req, res, 401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' }, 'sondier: a bearer token is required.\n');
    }
    const { contentType, body } = await metrics.render();
    return send(req, res, 200, { 'content-type': contentType, 'cache-control': 'no-store' }, body);
  };
}

function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(String(req.headers.authorization ?? ''));
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** Writes a whole response (no body for HEAD); true, for a handler's "answered". */
export function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: string): true {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
