import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests against the built server (run `npm run build` first; `npm test` does).
 * The server gets a database and an outbox of its own under data/e2e, created fresh per run.
 */
const PORT = Number(process.env.E2E_PORT ?? 4399);
export const E2E_DATA = 'data/e2e';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  forbidOnly: Boolean(process.env.CI),
  outputDir: 'test-results/e2e',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'lv-LV',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined }, testIgnore: /mobile\.spec\.ts/ },
    { name: 'phone', use: { ...devices['Pixel 7'], channel: undefined }, testMatch: /mobile\.spec\.ts/ },
  ],
  webServer: {
    // The courses are copied, so that the question import journey writes into the copy.
    command: `rm -rf ${E2E_DATA} && mkdir -p ${E2E_DATA} && cp -r courses ${E2E_DATA}/courses && npm run -s serve`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(PORT),
      HOST: 'localhost',
      DATABASE_URL: `file:./${E2E_DATA}/tilts.db`,
      OUTBOX_DIR: `./${E2E_DATA}/outbox`,
      COURSES_DIR: `./${E2E_DATA}/courses`,
      SCORM_DIR: `./${E2E_DATA}/scorm`,
      SEED_DEMO: '1',
      ASTRO_TELEMETRY_DISABLED: '1',
    },
  },
});
