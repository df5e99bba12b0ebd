import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's headless Chromium (`/usr/bin/chromium`, installed by
 * scripts/chromium.sh; Playwright downloads no browser). scripts/e2e.sh starts the
 * local control plane and the demo backend serving the built app, then runs this.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  // one virtual cluster's whole life, on 2 cores
  timeout: 6 * 60_000,
  expect: { timeout: 60_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: 'node_modules/.cache/e2e-test-results',
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    viewport: { width: 1440, height: 1000 },
    acceptDownloads: true,
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
  },
});
