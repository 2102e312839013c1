import { defineConfig } from '@playwright/test';
import { TEST_BUILD_DIR } from './scripts/ops/test-build.js';

// E2E_PORT: lets two checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT || 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	// Budgets for a 2-core machine busy with other work: every wait is on something the user sees
	// (no sleeps, no network idleness), so a longer budget only costs time when the app is slow.
	// An axe scan adds its own 30 s (tests/e2e/helpers.ts).
	timeout: 60_000,
	expect: { timeout: 15_000 },
	reporter: process.env.CI ? 'list' : [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		viewport: { width: 360, height: 740 },
		locale: 'id-ID',
		launchOptions: {
			// Debian's Chromium; Playwright may not download browsers here.
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update'
			]
		}
	},
	projects: [
		{ name: 'first-run', testMatch: /first-run\.spec\.ts/ },
		{ name: 'phone', testIgnore: /first-run\.spec\.ts/, dependencies: ['first-run'] }
	],
	webServer: {
		// The tests' own production build (`npm run build:test`) on a fresh database and data
		// folder, so first-run setup is really the first run and the app's `data/` is never touched.
		command: 'rm -rf .e2e && node server.js',
		port: PORT,
		reuseExistingServer: false,
		timeout: 120_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			// No ORIGIN: the server must accept form posts over plain HTTP as `npm start` serves them.
			BUILD_DIR: TEST_BUILD_DIR,
			DATABASE_URL: 'file:.e2e/e2e.db',
			DATA_DIR: '.e2e/data'
		}
	}
});
