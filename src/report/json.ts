/** `--format json`: one object, `{"findings": [...], "summary": {...}}`, for scripts. */
import type { Reporter } from './reporter.js';

export const jsonReporter: Reporter = (result) => `${JSON.stringify({ findings: result.findings, summary: result.summary }, null, 2)}\n`;
