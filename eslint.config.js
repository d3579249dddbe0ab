// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', '.output', '.wxt', 'start-screens', 'test-results'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'tronweb', message: 'TronWeb stays out of the extension; see lib/tron.' }],
        },
      ],
    },
  },
  {
    files: ['tests/**', 'wxt.config.ts', 'vitest.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
