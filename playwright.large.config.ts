import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run e2e:large`: browser mode on the benchmark's full-scale branch (two million calls), outside
 * `npm test`. It records how long search results and the dispatch board take to appear.
 */
export default defineConfig({
  ...base,
  testDir: 'test/e2e-large',
  // Generating the full-scale branch the first time takes a while; later runs reuse bench-data/.
  timeout: 3 * 60 * 60 * 1000,
});
