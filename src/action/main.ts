/**
 * Entry of the bundled Action (dist/index.js). The bundle carries the pure-JS RE2 port: the native addon cannot be
 * bundled for every runner's OS, architecture and Node ABI, and the detector tests prove both engines agree.
 */
import * as core from '@actions/core';
import { useRegexEngine } from '../core/regex-engine.js';
import { runAction } from './run.js';

try {
  useRegexEngine('re2js');
  process.exitCode = await runAction();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  core.error(message.startsWith('sondier:') ? message : `sondier: ${message}`);
  process.exitCode = 2;
}
