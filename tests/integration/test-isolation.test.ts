import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../playwright.config';
import { TEST_BUILD_DIR } from '../../scripts/ops/test-build.js';

// `npm test` beside a running `npm start` must not rebuild the build it serves nor touch its
// data folder (the setup code was deleted, test keys and photos left behind).
/** A port nobody listens on now (the kernel's choice). */
const freePort = () =>
	new Promise<number>((done) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => done(port));
		});
	});
const repo = resolve(import.meta.dirname, '../..');
const inside = (path: string, dir: string) =>
	resolve(repo, path) === resolve(repo, dir) ||
	resolve(repo, path).startsWith(resolve(repo, dir) + '/');

describe('the tests run on their own build and data', () => {
	it('builds somewhere other than build/', () => {
		expect(inside(TEST_BUILD_DIR, 'build')).toBe(false);
		expect(inside(TEST_BUILD_DIR, 'data')).toBe(false);
	});

	it("starts the browser tests' server on that build, with its own database and data folder", () => {
		const server = Array.isArray(config.webServer) ? config.webServer[0] : config.webServer!;
		const env = server.env ?? {};
		expect(env.BUILD_DIR).toBe(TEST_BUILD_DIR);
		expect(env.DATA_DIR, 'DATA_DIR unset means the real data/').toBeTruthy();
		expect(inside(env.DATA_DIR!, 'data')).toBe(false);
		expect(env.DATABASE_URL).toMatch(/^file:/);
		expect(inside(env.DATABASE_URL!.slice('file:'.length), 'data')).toBe(false);
	});

	it('server.js serves the build BUILD_DIR names', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'nk-build-'));
		writeFileSync(
			join(dir, 'handler.js'),
			"export const handler = (req, res) => res.end('the test build');"
		);
		const port = await freePort();
		const server = spawn(process.execPath, [resolve(repo, 'server.js')], {
			env: {
				...process.env,
				BUILD_DIR: dir,
				PORT: String(port),
				HOST: '127.0.0.1',
				WEB_CONCURRENCY: '1'
			},
			stdio: 'ignore'
		});
		try {
			await expect
				.poll(async () => (await fetch(`http://127.0.0.1:${port}/`).catch(() => null))?.text(), {
					timeout: 15_000
				})
				.toBe('the test build');
		} finally {
			server.kill();
		}
	});
});
