import { describe, expect, it } from 'vitest';
import { USAGE } from '../src/cli/args.js';
import { reporters } from '../src/report/index.js';

describe('--help', () => {
  it('names every output format the CLI accepts', () => {
    for (const format of Object.keys(reporters)) expect(USAGE).toMatch(new RegExp(`--format FORMAT .*\\b${format}\\b`));
  });
});
