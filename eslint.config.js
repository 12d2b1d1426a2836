import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'test-output', 'test-results', 'playwright-report', 'data', 'bench-data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Layering: Electron only at the rim; no Node, database or PDF code in the renderer or shared code.
    files: ['src-shared/**', 'src-renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', 'kysely', 'better-sqlite3', 'pdfmake', 'fastify', 'pg', '**/src-main/**'] }],
    },
  },
  {
    files: ['src-main/core/**', 'src-main/transports/**', 'src-headoffice/**', 'migrations/**', 'test/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] },
  },
);
