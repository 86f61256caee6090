import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const DOM_AND_FRAMEWORKS = [
  {
    group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    message: 'domain/ is pure: no React.',
  },
  { group: ['@cornerstonejs/*'], message: 'domain/ is pure: no cornerstone.' },
  {
    group: ['**/ui/**', '**/adapters/**'],
    message: 'domain/ must not depend on ui/ or adapters/.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      'node_modules/**',
      'sample-dicom/out/**',
      'test-results/**',
      'bench/results/**',
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'import-x/no-cycle': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-throw-literal': 'error',
    },
  },
  {
    // The pure domain layer: runs in Node, workers and tests; no UI, no DOM, no cornerstone.
    files: [
      'plugins/**/domain/**/*.ts',
      'src/dicom/**/*.ts',
      'src/segmentation/engine/**/*.ts',
      'src/volume3d/engine/**/*.ts',
    ],
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      'no-restricted-imports': ['error', { patterns: DOM_AND_FRAMEWORKS }],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'indexedDB',
      ],
    },
  },
  {
    // Plugins reach the host only through its contract.
    files: ['plugins/**/*.{ts,tsx}'],
    ignores: ['plugins/**/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/*', '!**/src/plugin-api', '**/src/plugin-api/*'],
              message: 'Plugins import the host only via src/plugin-api.',
            },
          ],
        },
      ],
    },
  },
);
