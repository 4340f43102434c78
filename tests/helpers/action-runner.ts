/**
 * Runs the bundled Action the way a GitHub runner does: `dist/` and `action.yml` copied into an empty directory (no
 * node_modules, no package.json above it), every input passed as INPUT_<NAME> with action.yml's defaults filled in,
 * the GITHUB_* variables and files a runner provides, and a clean environment (nothing inherited but PATH and HOME).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; main: string };
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface RunOptions {
  workspace: string;
  eventName: string;
  event: unknown;
  sha: string;
  ref?: string;
  repository: string;
  apiUrl: string;
  token: string;
  inputs?: Record<string, string>;
}

export class BundledAction {
  readonly dir = mkdtempSync(join(tmpdir(), 'sondier-action-'));
  readonly manifest: ActionYml;

  constructor() {
    cpSync(join(ROOT, 'dist'), join(this.dir, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'action.yml'), join(this.dir, 'action.yml'));
    this.manifest = parse(readFileSync(join(this.dir, 'action.yml'), 'utf8')) as ActionYml;
  }

  /** One step: fresh event, output and summary files; resolves when the process exits. */
  run(options: RunOptions): Promise<ActionRun> {
    const step = mkdtempSync(join(this.dir, 'step-'));
    const files = { event: join(step, 'event.json'), output: join(step, 'output'), summary: join(step, 'summary.md') };
    writeFileSync(files.event, JSON.stringify(options.event));
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: options.workspace, GITHUB_REPOSITORY: options.repository, GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: files.event, GITHUB_SHA: options.sha, GITHUB_REF: options.ref ?? 'refs/heads/main',
      GITHUB_REF_NAME: (options.ref ?? 'refs/heads/main').replace(/^refs\/(heads|tags|pull)\//, ''),
      GITHUB_API_URL: options.apiUrl, GITHUB_SERVER_URL: options.apiUrl, GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary, RUNNER_TEMP: step, RUNNER_OS: 'Linux',
    };
    for (const [name, input] of Object.entries(this.manifest.inputs)) {
      const given = options.inputs?.[name];
      const value = given ?? (input.default === '${{ github.token }}' ? options.token : (input.default ?? ''));
      env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    }
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(this.dir, this.manifest.runs.main)], { cwd: options.workspace, env });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => {
        resolve({ code, stdout, stderr, outputs: parseOutputs(readFileSync(files.output, 'utf8')), summary: readFileSync(files.summary, 'utf8') });
      });
    });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** $GITHUB_OUTPUT as @actions/core writes it: `name<<delimiter`, the value's lines, the delimiter. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i]!.includes('=')) {
      const [name, ...value] = lines[i]!.split('=');
      outputs[name!] = value.join('=');
    }
  }
  return outputs;
}
