// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import react from '@astrojs/react';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [react()],
  server: { port: 4321, host: 'localhost' },
  // Astro rejects cross-origin form posts (CSRF) before any page or action runs.
  security: { checkOrigin: true },
  vite: {
    // Native modules stay outside the bundle; Node loads them at run time.
    ssr: { external: ['@node-rs/argon2', '@libsql/client', 'libsql'] },
  },
});
