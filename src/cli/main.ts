#!/usr/bin/env node
/** Entry point of the `sondier` command. Sets process.exitCode (never process.exit) so piped output drains. */
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
