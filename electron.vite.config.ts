import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { MAIN_BUNDLE_EXTERNALS } from './scripts/main-bundle-externals.ts';
import { cspMetaPlugin } from './src-main/transports/http/security-headers.ts';

/** The Electron build: main process, preload and renderer into out/. */
export default defineConfig({
  main: {
    build: {
      // electron-vite 6 externalizes every `dependencies` entry by default: the pure-JS ones are bundled
      // instead, as loading them from node_modules slowed the start (scripts/main-bundle-externals.ts).
      externalizeDeps: false,
      lib: { entry: 'src-main/electron/main.ts' },
      rollupOptions: { external: [...MAIN_BUNDLE_EXTERNALS], output: { format: 'es', entryFileNames: 'index.js' } },
    },
  },
  preload: {
    // A sandboxed preload must be CommonJS.
    build: { lib: { entry: 'src-main/electron/preload.ts' }, rollupOptions: { output: { format: 'cjs', entryFileNames: 'index.cjs' } } },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react(), cspMetaPlugin()],
    build: { rollupOptions: { input: 'src-renderer/index.html' } },
  },
});
