/**
 * `GET /healthz` for orchestrators (load balancers, Kubernetes probes): 200 while this process can take deliveries
 * and run scans, 503 while it is stopping or cannot reach Redis. JSON, no details beyond states.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const HEALTH_PATH = '/healthz';

export interface Health {
  status: 'ok' | 'stopping' | 'unavailable';
  queue: 'redis' | 'memory';
  /** Only with the Redis queue. */
  redis?: 'up' | 'down';
  /** Whether this process consumes jobs (Redis queue): `off` with SONDIER_WORKER=0. */
  worker?: 'up' | 'down' | 'off';
}

export type HealthCheck = () => Promise<Health>;

/** A Probot 14 server handler (registered with `addHandler`): true when it answered the request. */
export function healthHandler(check: HealthCheck): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    if ((req.url ?? '').split('?')[0] !== HEALTH_PATH) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return true;
    }
    const health = await check();
    res.writeHead(health.status === 'ok' ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(health));
    return true;
  };
}
