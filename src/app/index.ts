/**
 * The Probot app: subscribes to the events that can add code, turns each into scopes (scope.ts) and queues their
 * scans (queue.ts), so the webhook is answered well within GitHub's 10 seconds. With the in-process queue the check
 * runs are created right after answering; with the Redis queue (REDIS_URL, several instances) the job is recorded in
 * Redis before answering and creates its own check run, so an instance that dies after answering loses nothing.
 * No detection logic lives here. `npm start` runs the default export with `probot run`.
 */
import type { ApplicationFunction, Context, Probot } from 'probot';
import { createCheckRun } from '../github/check-run.js';
import { appEvents } from './events.js';
import { keepPayloadsOutOfLogs } from './log-safety.js';
import type { JobQueue } from './queue.js';
import { observeApp } from './routes.js';
import { createInProcessQueue, startAppRuntime } from './runtime.js';
import type { ScanJob } from './scan-job.js';
import { scopesForCheckRun, scopesForCheckSuite, scopesForPullRequest, scopesForPush, type Scope } from './scope.js';

export { createInProcessQueue };

export interface SondierAppOptions {
  /** A queue built from the app (tests keep a handle to wait on it). */
  queue?: (app: Probot) => JobQueue<ScanJob>;
  concurrency?: number;
  /**
   * The environment `npm start` runs with: REDIS_URL selects the Redis queue (SONDIER_* its settings), GET /healthz is
   * served and SIGTERM stops gracefully (runtime.ts). Tests that build the app themselves leave it out.
   */
  environment?: NodeJS.ProcessEnv;
}

type RepoEvent = Context<'push' | 'pull_request' | 'check_run' | 'check_suite'>;
type Ref = { owner: string; repo: string };

export function sondierApp(options: SondierAppOptions = {}): ApplicationFunction {
  return (app, appOptions) => {
    keepPayloadsOutOfLogs(app.log);
    observeApp(app, appOptions, options.environment);
    const runtime = options.environment && !options.queue
      ? startAppRuntime(app, appOptions ?? {}, options.environment, options.concurrency)
      : undefined;
    const queue: JobQueue<ScanJob> = options.queue?.(app) ?? runtime?.queue ?? createInProcessQueue(app, options.concurrency);

    /** In-process queue: creates the scopes' check runs and queues their scans; runs after the webhook was answered. */
    const admit = async (context: RepoEvent, scopes: Scope[], installationId: number, ref: Ref, privateRepository: boolean) => {
      const meta = { delivery: context.id, event: context.name, repo: context.payload.repository.full_name };
      for (const [i, scope] of scopes.entries()) {
        let checkRunId: number;
        try {
          checkRunId = await createCheckRun(context.octokit, ref, scope);
        } catch (error) {
          // Nothing exists yet for this delivery: let a redelivery from GitHub's settings page try again.
          if (i === 0) await queue.release(context.id);
          const status = (error as { status?: number }).status;
          return context.log.error({ ...meta, status, error: String(error).split('\n')[0] }, 'sondier: could not create the check run');
        }
        context.log.info({ ...meta, checkRun: checkRunId, run: scope.name, head: scope.headSha }, 'sondier: check run created');
        await queue.enqueue(`${ref.owner}/${ref.repo}`, { deliveryId: context.id, installationId, ...ref, scope, checkRunId, privateRepository });
      }
    };

    /**
     * Redis queue: stores every scope's job before answering, then marks the delivery seen. A failure answers 500, so
     * GitHub shows it and can redeliver; jobs already stored are not added twice (their ids come from the delivery).
     */
    const record = async (context: RepoEvent, scopes: Scope[], installationId: number, ref: Ref, privateRepository: boolean) => {
      const meta = { delivery: context.id, event: context.name, repo: context.payload.repository.full_name };
      try {
        for (const scope of scopes) {
          const added = await queue.enqueue(`${ref.owner}/${ref.repo}`, { deliveryId: context.id, installationId, ...ref, scope, privateRepository });
          const same = added === false;
          context.log.info({ ...meta, run: scope.name, head: scope.headSha }, same ? 'sondier: the same scan is already queued' : 'sondier: scan queued');
        }
      } catch (error) {
        context.log.error({ ...meta, error: String(error).split('\n')[0] }, 'sondier: could not queue the scan');
        throw error;
      }
      // Only a shorter memory of redeliveries if this fails: the jobs are stored, and their ids dedupe a redelivery.
      await queue.recorded?.(context.id).catch((error: unknown) =>
        context.log.warn({ ...meta, error: String(error).split('\n')[0] }, 'sondier: could not mark the delivery seen'));
    };

    /**
     * Answers the webhook at once: GitHub allows 10 seconds, and Octokit spaces write requests (one a second under
     * its throttling), so even creating check runs waits for the handler to return. With the Redis queue, storing the
     * jobs comes first (milliseconds): the answer then means the scan cannot be lost.
     */
    const accept = async (context: RepoEvent, scopes: Scope[]) => {
      const { payload } = context;
      const meta = { delivery: context.id, event: context.name, repo: payload.repository.full_name };
      appEvents.delivery(context.name);
      if (scopes.length === 0) return context.log.debug(meta, 'sondier: nothing to scan (branch deletion, tag or foreign run)');
      if (!(await queue.accept(context.id))) return context.log.info(meta, 'sondier: redelivery ignored');
      const installationId = 'installation' in payload ? payload.installation?.id : undefined;
      const owner = payload.repository.owner?.login;
      if (installationId === undefined || !owner) return context.log.warn(meta, 'sondier: event without installation or owner');
      const privateRepository = payload.repository.private !== false;
      const ref = { owner, repo: payload.repository.name };
      if (queue.durable) return record(context, scopes, installationId, ref, privateRepository);
      queue.track(admit(context, scopes, installationId, ref, privateRepository));
    };
    const handle = (context: RepoEvent, scopes: Scope[]) => (runtime ? runtime.handling(accept(context, scopes)) : accept(context, scopes));

    app.on('push', (context) => handle(context, scopesForPush(context.payload)));
    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], (context) =>
      handle(context, scopesForPullRequest(context.payload)),
    );
    app.on('check_run.rerequested', (context) => handle(context, scopesForCheckRun(context.payload)));
    app.on('check_suite.rerequested', (context) => handle(context, scopesForCheckSuite(context.payload)));
  };
}

export default sondierApp({ environment: process.env });
