/** The output formats the CLI knows; the Action and later issues add theirs here. */
import { jsonReporter } from './json.js';
import type { Reporter } from './reporter.js';
import { textReporter } from './text.js';

export const reporters: Record<string, Reporter> = {
  text: textReporter,
  json: jsonReporter,
};

export type { Reporter, ReportOptions } from './reporter.js';
