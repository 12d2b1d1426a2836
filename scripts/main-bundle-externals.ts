/**
 * What the main-process bundle leaves to run time instead of bundling: `electron` (the runtime itself)
 * and better-sqlite3 (native: the Electron-ABI binary from `npm run build:electron-native` is loaded at
 * run time, and the quick-check worker loads the module by its resolved path). Every other package is
 * pure JavaScript and goes into out/main: loading kysely, zod, date-fns... file by file from
 * node_modules cost a fresh process about 300-400 ms before its first screen (issue 8). The packages
 * the code loads lazily through `createRequire` (pdfmake, bwip-js, nzh, pinyin-pro, the CJK font files)
 * are not seen by a bundler and still resolve from node_modules on first use.
 *
 * Its own file so that the benchmark (test/bench/measure/app-start.ts) bundles its start-up child with
 * the same list without loading Vite and the config's plugins.
 */
export const MAIN_BUNDLE_EXTERNALS: readonly string[] = Object.freeze(['electron', 'better-sqlite3']);
