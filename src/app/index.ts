/**
 * The Probot app: subscribes to the events that can add code, turns each into scopes (scope.ts), creates their
 * check runs at once, and enqueues the scans (queue.ts), so the webhook is answered well within GitHub's 10 seconds.
 * No detection logic lives here. `npm start` runs the default export with `probot run`.
 */
import type { ApplicationFunction, Context, Probot } from 'probot';
import { createCheckRun } from '../github/check-run.js';
import { InProcessQueue, type JobQueue } from './queue.js';
import { runScanJob, type ScanJob } from './scan-job.js';
import { scopesForCheckRun, scopesForCheckSuite, scopesForPullRequest, scopesForPush, type Scope } from './scope.js';

export interface SondierAppOptions {
  /** A queue built from the app (tests keep a handle to wait on it; a deployment could pass a Redis-backed one). */
  queue?: (app: Probot) => JobQueue<ScanJob>;
  concurrency?: number;
}

type RepoEvent = Context<'push' | 'pull_request' | 'check_run' | 'check_suite'>;

/** The single-instance queue: jobs authenticate as their installation when they start. */
export function createInProcessQueue(app: Probot, concurrency = 4): InProcessQueue<ScanJob> {
  return new InProcessQueue<ScanJob>({
    concurrency,
    worker: async (job) => runScanJob(await app.auth(job.installationId), app.log, job),
    onError: (error, job) =>
      app.log.error({ delivery: job.deliveryId, checkRun: job.checkRunId, error: String(error).split('\n')[0] }, 'sondier: job failed'),
  });
}

export function sondierApp(options: SondierAppOptions = {}): ApplicationFunction {
  return (app) => {
    const queue = options.queue?.(app) ?? createInProcessQueue(app, options.concurrency);

    /** Creates the scopes' check runs and queues their scans; runs after the webhook has been answered. */
    const admit = async (context: RepoEvent, scopes: Scope[], installationId: number, ref: { owner: string; repo: string }) => {
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
        await queue.enqueue(`${ref.owner}/${ref.repo}`, { deliveryId: context.id, installationId, ...ref, scope, checkRunId });
      }
    };

    /**
     * Answers the webhook at once: GitHub allows 10 seconds, and Octokit spaces write requests (one a second under
     * its throttling), so even creating check runs waits for the handler to return.
     */
    const accept = async (context: RepoEvent, scopes: Scope[]) => {
      const { payload } = context;
      const meta = { delivery: context.id, event: context.name, repo: payload.repository.full_name };
      if (scopes.length === 0) return context.log.debug(meta, 'sondier: nothing to scan (branch deletion, tag or foreign run)');
      if (!(await queue.accept(context.id))) return context.log.info(meta, 'sondier: redelivery ignored');
      const installationId = 'installation' in payload ? payload.installation?.id : undefined;
      const owner = payload.repository.owner?.login;
      if (installationId === undefined || !owner) return context.log.warn(meta, 'sondier: event without installation or owner');
      queue.track(admit(context, scopes, installationId, { owner, repo: payload.repository.name }));
    };

    app.on('push', (context) => accept(context, scopesForPush(context.payload)));
    app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], (context) =>
      accept(context, scopesForPullRequest(context.payload)),
    );
    app.on('check_run.rerequested', (context) => accept(context, scopesForCheckRun(context.payload)));
    app.on('check_suite.rerequested', (context) => accept(context, scopesForCheckSuite(context.payload)));
  };
}

export default sondierApp();
