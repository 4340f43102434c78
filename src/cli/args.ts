/** Command-line parsing: `sondier scan|diff [options]`. Errors are usage errors (exit 2), one sentence each. */
import { parseArgs } from 'node:util';
import type { FailOn } from '../core/types.js';
import { reporters } from '../report/index.js';

export const USAGE = `Usage: sondier <command> [options]

Finds French personal data (NIR, IBAN, email, phone) before it reaches a git repository.

Commands:
  scan [paths...]        scan files (default: .), honouring .gitignore
  diff                   scan only the lines a change adds:
                           (no revision)        uncommitted changes and untracked files
                           --staged             the index against HEAD (pre-commit)
                           --base REV [--head REV]
                                                what HEAD (or REV) adds since its merge-base with REV
                           --diff FILE | -      a unified diff from a file or standard input

Options:
  --format FORMAT        text (default), json, sarif, github (workflow commands), gitlab (Code Quality)
  --config FILE          configuration file (default: .github/sondier.yml at the repository root)
  --fail-on LEVEL        error|warning|notice|never: exit 1 when a finding reaches it (default: error)
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 nothing at the fail level, 1 findings at or above it, 2 usage, configuration or runtime error.
`;

export class UsageError extends Error {}

export interface CliOptions {
  command: 'scan' | 'diff' | 'help' | 'version';
  paths: string[];
  format: string;
  config?: string;
  failOn?: FailOn;
  base?: string;
  head?: string;
  staged: boolean;
  diff?: string;
}

const FAIL_LEVELS = ['error', 'warning', 'notice', 'never'];

export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        'fail-on': { type: 'string' },
        base: { type: 'string' },
        head: { type: 'string' },
        staged: { type: 'boolean' },
        diff: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    throw new UsageError(`sondier: ${(err as Error).message.replace(/\.?$/, '')}. Run "sondier --help" for usage.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', paths: [], format: 'text', staged: false };
  if (values.version) return { command: 'version', paths: [], format: 'text', staged: false };
  const [command, ...paths] = positionals;
  if (command !== 'scan' && command !== 'diff') {
    throw new UsageError(
      command === undefined
        ? 'sondier: missing command; use "sondier scan [paths...]" or "sondier diff". Run "sondier --help" for usage.'
        : `sondier: unknown command "${command}"; use "scan" or "diff".`,
    );
  }
  const format = values.format ?? 'text';
  if (!(format in reporters)) throw new UsageError(`sondier: --format must be one of ${Object.keys(reporters).join(', ')}, not "${format}".`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !FAIL_LEVELS.includes(failOn)) {
    throw new UsageError(`sondier: --fail-on must be one of ${FAIL_LEVELS.join(', ')}, not "${failOn}".`);
  }
  if (command === 'diff') {
    if (paths.length > 0) throw new UsageError(`sondier: diff takes no paths ("${paths[0]}"); use "sondier scan" for files.`);
    const modes = [values.base !== undefined, values.staged === true, values.diff !== undefined].filter(Boolean).length;
    if (modes > 1) throw new UsageError('sondier: --base, --staged and --diff cannot be combined; choose one.');
    if (values.head !== undefined && values.base === undefined) throw new UsageError('sondier: --head needs --base.');
  } else {
    for (const flag of ['base', 'head', 'staged', 'diff'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`sondier: --${flag} applies to "sondier diff", not "scan".`);
    }
  }
  return {
    command,
    paths: command === 'scan' && paths.length === 0 ? ['.'] : paths,
    format,
    config: values.config,
    failOn: failOn as FailOn | undefined,
    base: values.base,
    head: values.head,
    staged: values.staged ?? false,
    diff: values.diff,
  };
}
