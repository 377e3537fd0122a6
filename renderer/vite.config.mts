import path from 'node:path';
import { defineConfig } from 'vite';

// The renderer is served from app://yingdu (Electron) and from http://127.0.0.1:PORT (web host);
// relative asset paths work for both.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: {
    outDir: path.join(import.meta.dirname, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 4096,
    sourcemap: true,
  },
  server: { host: '127.0.0.1' },
});
