import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cspMetaPlugin } from './src-main/transports/http/security-headers.ts';

/** Builds the renderer for browser mode into out/renderer (the Electron build uses electron.vite.config.ts). */
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react(), cspMetaPlugin()],
  build: { outDir: '../out/renderer', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
