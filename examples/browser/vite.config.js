// The demo uses this checkout's browser build (npm run build:ts first); an app that installed
// numaccel needs no alias.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  resolve: { alias: { numaccel: fileURLToPath(new URL('../../dist/browser.mjs', import.meta.url)) } },
});
