/**
 * SIGTERM (what orchestrators send) and SIGINT stop the process gracefully: `stop` runs once, then the process exits
 * 0, or 1 if stopping failed. A second signal exits at once, for an operator who will not wait.
 */
import type { Logger } from 'probot';

export function onShutdown(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'sondier: second signal, exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'sondier: shutting down');
    stop().then(
      () => {
        log.info('sondier: stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ error: String(error).split('\n')[0] }, 'sondier: could not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
