/**
 * Reads the configuration file. The parser (yaml, zod) is loaded only when there is a file to parse: most runs of a
 * pre-commit hook have none, and those libraries cost a tenth of a second to load.
 */
import { readFile } from 'node:fs/promises';
import { DEFAULT_CONFIG, type Config } from './config.js';
import type { ConfigIssue } from './parse.js';

export type { ConfigIssue } from './parse.js';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
  ) {
    super(
      `sondier: ${file} is invalid: ` +
        issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ') +
        '.',
    );
  }
}

/** Reads a config file; a missing file is an error only when the user named it. */
export async function loadConfigFile(file: string, knownDetectors: readonly string[], required: boolean): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (!required && (err as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_CONFIG;
    throw new Error(`sondier: cannot read config file ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  const { parseConfig } = await import('./parse.js');
  const result = parseConfig(text, knownDetectors);
  if (!result.ok) throw new ConfigError(file, result.issues);
  return result.config;
}
