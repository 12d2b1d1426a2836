import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { cspMetaPlugin } from './src-main/transports/http/security-headers.ts';

/**
 * The Electron build: main process, preload and renderer into out/. better-sqlite3 stays external so
 * the Electron-ABI binary from `npm run build:electron-native` is loaded at run time.
 */
export default defineConfig({
  main: {
    build: {
      lib: { entry: 'src-main/electron/main.ts' },
      rollupOptions: { external: ['better-sqlite3', 'electron'], output: { format: 'es', entryFileNames: 'index.js' } },
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
