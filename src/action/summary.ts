/**
 * The job summary ($GITHUB_STEP_SUMMARY): the check run's Markdown (per-detector table, masked values and
 * fingerprints, what was not scanned), headed by the outcome. GitHub takes at most 1 MiB per step; the check-run
 * text is capped far below that.
 */
import type { CheckOutcome } from '../github/check-output.js';

export const STEP_SUMMARY_LIMIT = 1024 * 1024;

export interface SummaryContext {
  outcome: CheckOutcome;
  annotations: 'check-run' | 'commands' | 'none';
  sarifFile: string | null;
  configFile: string | null;
}

const ANNOTATED: Record<SummaryContext['annotations'], string> = {
  'check-run': 'Every finding is an annotation of the check run `sondier (action)`.',
  commands: 'Findings are workflow annotations (GitHub shows 10 per level on the pull request; the job log lists all).',
  none: 'Annotations are off (`annotations: none`).',
};

export function jobSummary({ outcome, annotations, sarifFile, configFile }: SummaryContext): string {
  const icon = outcome.conclusion === 'failure' ? '❌' : outcome.conclusion === 'neutral' ? '⚠️' : '✅';
  const lines = [
    `## ${icon} sondier: ${outcome.title}`,
    '',
    outcome.summary,
    '',
    '---',
    `${ANNOTATED[annotations]}${sarifFile ? ` SARIF report: \`${sarifFile}\`.` : ''} ` +
      `Configuration: ${configFile ? `\`${configFile}\` from the base commit` : 'defaults'}.`,
    '',
  ];
  const text = lines.join('\n');
  return Buffer.byteLength(text) <= STEP_SUMMARY_LIMIT ? text : `${text.slice(0, STEP_SUMMARY_LIMIT / 4)}\n\n…(cut)\n`;
}
