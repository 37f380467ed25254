// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import react from '@astrojs/react';

export default defineConfig({
  output: 'server',
  // Pages read all their data before the first byte of HTML, so streaming would only split the
  // response into many small writes: render each page whole (one write, a Content-Length).
  adapter: node({ mode: 'standalone', experimentalDisableStreaming: true }),
  integrations: [react()],
  server: { port: 4321, host: 'localhost' },
  // Astro rejects cross-origin form posts (CSRF) before any page or action runs.
  security: { checkOrigin: true },
  vite: {
    // Native modules stay outside the bundle; Node loads them at run time.
    ssr: { external: ['@node-rs/argon2', '@libsql/client', 'libsql'] },
  },
});
