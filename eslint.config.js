import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'docs/**', 'coverage/**', '.nx/**', 'apps/console/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Node 20's globals (the packages' own `globals` list is not installed here).
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
          'fetch', 'performance', 'TextEncoder', 'TextDecoder', 'AbortController', 'AbortSignal', 'Buffer', 'crypto',
        ].map((g) => [g, 'readonly']),
      ),
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  { files: ['tools/**', 'bench/**', '**/*.mjs', '**/*.spec.ts', '**/scripts/**'], rules: { 'no-console': 'off' } },
);
