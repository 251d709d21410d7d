import { defineConfig, devices } from '@playwright/test';
import { APP_PORT, APP_URL, appServerEnv, DOWN_APP_PORT, E2E_PG_PORT, FAKES_URL, TEST_CLOCK_FILE } from './e2e/config';

/**
 * E2E runs against the production build (`next build` first; `npm test` does it) started by the
 * same wrapper as `npm start`, on its own data folder, with Resend and Twilio replaced by fakes.
 */
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      command: 'node_modules/.bin/tsx e2e/fakes/server.ts',
      url: `${FAKES_URL}/_health`,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: 'node --import tsx scripts/run.ts start',
      url: `${APP_URL}/login`,
      timeout: 120_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        ...appServerEnv(APP_URL),
        PORT: String(APP_PORT),
        LATCHKEY_DATA_DIR: '.data/e2e',
        // The enforcement date's clock, moved by e2e/company-policy (lib/clock.ts: honoured only inside .data/e2e).
        LATCHKEY_TEST_CLOCK_FILE: TEST_CLOCK_FILE,
        LATCHKEY_PG_PORT: String(E2E_PG_PORT),
        DATABASE_URL: '',
      },
    },
    {
      // The same build with its database unreachable: what users see when Postgres is down.
      command: `node_modules/.bin/next start -p ${DOWN_APP_PORT}`,
      url: `http://127.0.0.1:${DOWN_APP_PORT}/login`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      env: {
        DATABASE_URL: 'postgres://latchkey:down@127.0.0.1:9/latchkey',
        AUTH_SECRET: 'e2e-only-secret-for-the-database-down-server',
        APP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
        AUTH_TRUST_HOST: 'true',
      },
    },
  ],
});
