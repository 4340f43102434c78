/** Command-line parsing: `sondier scan|diff|baseline [options]`. Errors are usage errors (exit 2), one sentence each. */
import { parseArgs } from 'node:util';
import type { FailOn } from '../core/types.js';
import { reporters } from '../report/index.js';

export const USAGE = `Usage: sondier <command> [options]

Finds French personal data (NIR, IBAN, email, phone) before it reaches a git repository.

Commands:
  scan [paths...]        scan files (default: .), honouring .gitignore
  scan --history [--ref REF]
                         every commit reachable from REF (default: HEAD), oldest first: each value once, with
                         the first commit that added it
  diff                   scan only the lines a change adds:
                           (no revision)        uncommitted changes and untracked files
                           --staged             the index against HEAD (pre-commit)
                           --base REV [--head REV]
                                                what HEAD (or REV) adds since its merge-base with REV
                           --diff FILE | -      a unified diff from a file or standard input
  baseline [paths...]    record what a full scan finds today in .github/sondier-baseline.json (fingerprints
                         only); scan and diff then report only what is not in it

Options:
  --format FORMAT        text (default), json, sarif, github (workflow commands), gitlab (Code Quality)
  --config FILE          configuration file (default: .github/sondier.yml at the repository root)
  --fail-on LEVEL        error|warning|notice|never: exit 1 when a finding reaches it (default: error)
  --baseline FILE        scan, diff: the baseline to apply (default: .github/sondier-baseline.json at the
                         repository root, when present)
  --no-baseline          scan, diff: report everything, ignoring any baseline
  --output FILE          baseline: where to write it (default: .github/sondier-baseline.json at the root)
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 nothing at the fail level, 1 findings at or above it, 2 usage, configuration or runtime error.
`;

export class UsageError extends Error {}

export interface CliOptions {
  command: 'scan' | 'diff' | 'baseline' | 'help' | 'version';
  paths: string[];
  format: string;
  config?: string;
  failOn?: FailOn;
  base?: string;
  head?: string;
  staged: boolean;
  diff?: string;
  /** An explicit baseline file (`--baseline`), or false for `--no-baseline`; undefined: the default one if present. */
  baseline?: string | false;
  output?: string;
  history: boolean;
  ref?: string;
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
        baseline: { type: 'string' },
        'no-baseline': { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        history: { type: 'boolean' },
        ref: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    throw new UsageError(`sondier: ${(err as Error).message.replace(/\.?$/, '')}. Run "sondier --help" for usage.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', paths: [], format: 'text', staged: false, history: false };
  if (values.version) return { command: 'version', paths: [], format: 'text', staged: false, history: false };
  const [command, ...paths] = positionals;
  if (command !== 'scan' && command !== 'diff' && command !== 'baseline') {
    throw new UsageError(
      command === undefined
        ? 'sondier: missing command; use "sondier scan [paths...]" or "sondier diff". Run "sondier --help" for usage.'
        : `sondier: unknown command "${command}"; use "scan", "diff" or "baseline".`,
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
      if (values[flag] !== undefined) throw new UsageError(`sondier: --${flag} applies to "sondier diff", not "${command}".`);
    }
  }
  checkBaselineFlags(command, values);
  if (values.history && paths.length > 0) {
    throw new UsageError(`sondier: --history scans whole commits and takes no paths ("${paths[0]}").`);
  }
  return {
    command,
    paths: command !== 'diff' && paths.length === 0 ? ['.'] : paths,
    format,
    config: values.config,
    failOn: failOn as FailOn | undefined,
    base: values.base,
    head: values.head,
    staged: values.staged ?? false,
    diff: values.diff,
    baseline: values['no-baseline'] ? false : values.baseline,
    output: values.output,
    history: values.history ?? false,
    ref: values.ref,
  };
}

interface BaselineFlags {
  baseline?: string;
  'no-baseline'?: boolean;
  output?: string;
  history?: boolean;
  ref?: string;
  format?: string;
  'fail-on'?: string;
}

/** Which of the baseline and history flags each command takes. */
function checkBaselineFlags(command: 'scan' | 'diff' | 'baseline', values: BaselineFlags): void {
  if (values.baseline !== undefined && values['no-baseline']) throw new UsageError('sondier: --baseline and --no-baseline cannot be combined; choose one.');
  if (command === 'baseline') {
    for (const flag of ['baseline', 'no-baseline', 'history', 'ref', 'format', 'fail-on'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`sondier: --${flag} does not apply to "sondier baseline", which records a full scan of the files.`);
    }
    return;
  }
  if (values.output !== undefined) throw new UsageError(`sondier: --output applies to "sondier baseline", not "${command}"; redirect the report instead.`);
  if (values.history && command === 'diff') throw new UsageError('sondier: --history applies to "sondier scan", not "diff".');
  if (values.ref !== undefined && !values.history) throw new UsageError('sondier: --ref needs --history.');
  if (values.history && values.baseline !== undefined) {
    throw new UsageError('sondier: --history reports every value the history ever held, so --baseline does not apply to it.');
  }
}
