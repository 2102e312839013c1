import { createClient } from '@libsql/client';
import { expect, request, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { TEST_BUILD_DIR } from '../../scripts/ops/test-build.js';

// A second production server of our own (E2E_PORT + 1), so its log can be read whole. It
// believes it is served over HTTPS (ORIGIN), as behind a TLS proxy: HSTS and Secure cookies.
const PORT = Number(process.env.E2E_PORT || 4173) + 1;
const URL_ = `http://127.0.0.1:${PORT}`;
const ORIGIN = `https://localhost:${PORT}`;
const DIR = '.e2e-logs';
const PHONE = '0813 5577 2468';
const PHONE_DIGITS = ['081355772468', '6281355772468', '81355772468', '5577-2468', '5577 2468'];
const PASSWORD = 'rahasia ledre 99';
const WRONG = 'salah total 1234';

let server: ChildProcess;
let log = '';

test.beforeAll(async () => {
	test.setTimeout(120_000);
	rmSync(DIR, { recursive: true, force: true });
	server = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN,
			WEB_CONCURRENCY: '1',
			BUILD_DIR: TEST_BUILD_DIR,
			DATABASE_URL: `file:${DIR}/logs.db`,
			DATA_DIR: DIR
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	server.stdout!.on('data', (d) => (log += d));
	server.stderr!.on('data', (d) => (log += d));
	await expect
		.poll(async () => (await fetch(`${URL_}/api/health`).catch(() => null))?.status, {
			timeout: 90_000
		})
		.toBe(200);
});

test.afterAll(() => {
	server?.kill('SIGTERM');
});

test('logs never hold passwords, session tokens or full phone numbers, even when a query fails', async () => {
	const ctx = await request.newContext({
		baseURL: URL_,
		maxRedirects: 0,
		extraHTTPHeaders: { origin: ORIGIN, accept: 'text/html' }
	});
	const form = (data: Record<string, string>) => ({
		data: new URLSearchParams(data).toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded' }
	});
	const account = { name: 'Sri Log', contact: PHONE, password: PASSWORD, confirm: PASSWORD };

	// A fresh server leads every page to /setup until the first admin exists.
	const setup = await request.newContext({
		baseURL: URL_,
		maxRedirects: 0,
		extraHTTPHeaders: { origin: ORIGIN, accept: 'text/html' }
	});
	const admin = { name: 'Admin Log', contact: 'admin@log.example', password: 'admin ledre 2026' };
	expect((await setup.post('/setup', form({ ...admin, confirm: admin.password }))).status()).toBe(
		303
	);
	await setup.dispose();

	// Over HTTPS: the session cookie is Secure, and browsers are told to stay on HTTPS.
	const made = await ctx.post('/register', form(account));
	expect(made.status()).toBe(303);
	const cookie = made
		.headersArray()
		.filter((h) => h.name.toLowerCase() === 'set-cookie')
		.map((h) => h.value)
		.join('\n');
	expect(cookie).toMatch(/HttpOnly/i);
	expect(cookie).toMatch(/Secure/i);
	expect(cookie).toMatch(/SameSite=Lax/i);
	expect(made.headers()['strict-transport-security']).toBe('max-age=31536000');
	const token = /nk-session=([^;]+)/.exec(cookie)![1];

	// A failed login with the phone number and a wrong password, and a malformed sync.
	const anon = await request.newContext({
		baseURL: URL_,
		maxRedirects: 0,
		extraHTTPHeaders: { origin: ORIGIN, accept: 'text/html' }
	});
	expect((await anon.post('/login', form({ contact: PHONE, password: WRONG }))).status()).toBe(400);
	expect(
		(
			await anon.post('/api/sync', {
				data: `{"deviceId":"${PHONE}","password":"${PASSWORD}"`,
				headers: { 'content-type': 'application/json' }
			})
		).status()
	).toBe(400);

	// A database failure in the middle of a sign-up: its message would list the query's
	// parameters (the phone number and the password hash) if it reached the log as it is.
	const db = createClient({ url: `file:${DIR}/logs.db` });
	await db.execute(
		"create trigger refuse_signup before insert on user begin select raise(abort, 'disk full'); end"
	);
	db.close();
	const failed = await anon.post(
		'/register',
		form({ ...account, contact: '0813 5577 9999', name: 'Budi Log' })
	);
	expect(failed.status()).toBe(500);
	expect(await failed.text()).not.toMatch(/Failed query|5577|argon2/);
	await ctx.dispose();
	await anon.dispose();

	// The failure was logged (so this test can see a leak), with the secrets taken out.
	await expect.poll(() => log).toMatch(/POST \/register/);
	expect(log).toContain('disk full');
	for (const secret of [PASSWORD, WRONG, token, '$argon2', '5577 9999', '81355779999'])
		expect(log, `the log holds ${secret}`).not.toContain(secret);
	for (const digits of PHONE_DIGITS) expect(log).not.toContain(digits);
});
