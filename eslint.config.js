import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['lib/**', 'dist/**', 'node_modules/**', 'bench-corpus/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 're2', message: 'Only src/core/regex-engine.ts may import re2.' }] },
      ],
    },
  },
  {
    files: ['src/core/**', 'src/config/**', 'src/sources/**', 'src/report/**', 'src/github/**', 'detectors/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 're2', message: 'Only src/core/regex-engine.ts may import re2.' }],
          patterns: [{ group: ['probot', '@actions/*'], message: 'The core stays pure: no probot or @actions imports.' }],
        },
      ],
    },
  },
  {
    // The Action is bundled on its own: Probot (and its server) must not end up in dist/.
    files: ['src/action/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 're2', message: 'Only src/core/regex-engine.ts may import re2.' }],
          patterns: [{ group: ['probot'], message: 'The Action must not import probot.' }],
        },
      ],
    },
  },
);
