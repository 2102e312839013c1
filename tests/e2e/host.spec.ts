import { expect, test } from '@playwright/test';
import { request as httpRequest } from 'node:http';
import { ADMIN, BASE, login } from './helpers';

// Issue 16 item 5: without ORIGIN (as `npm start` and this test server run) a request naming a
// host that is not this machine (a DNS-rebinding page at evil.example resolving to 127.0.0.1) is
// refused with 400 and a reason, by server.js before static files and the page cache's fast
// lane, and by the app's first hook for everything else.

/** A GET with a Host header of our choosing (browsers and fetch will not send a forged one). */
function get(path: string, host: string) {
	const { port } = new URL(BASE);
	return new Promise<{ status: number; body: string }>((resolve, reject) => {
		const req = httpRequest(
			{ host: '127.0.0.1', port, path, headers: { host, accept: 'text/html' } },
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (chunk) => (body += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			}
		);
		req.on('error', reject);
		req.end();
	});
}

const LESSON = '/courses/manajemen-usaha/pembukuan-harian';

test('a request naming another host gets 400 with a reason: pages, kept lessons, files', async () => {
	const own = new URL(BASE).host;
	// The lesson is kept in the page cache by a first visit at the right address.
	for (let i = 0; i < 2; i++) expect((await get(LESSON, own)).status).toBe(200);
	expect((await get('/robots.txt', own)).status).toBe(200);
	for (const path of ['/', '/setup', LESSON, '/robots.txt', '/oembed?url=x'])
		for (const host of ['evil.example', `evil.example:${new URL(BASE).port}`]) {
			const answer = await get(path, host);
			expect(answer.status, `${path} as ${host}`).toBe(400);
			expect(answer.body, `${path} as ${host}`).toContain('bukan alamat server Naik Kelas');
		}
	// This machine's loopback names are fine.
	for (const host of [`127.0.0.1:${new URL(BASE).port}`, `[::1]:${new URL(BASE).port}`])
		expect((await get('/', host)).status, host).toBe(200);
});

// Issue 18 item 5: this test server listens on 127.0.0.1 only, so phones cannot reach it: the
// trainer's page says so, instead of printing QR codes that point nowhere.
test('the trainer page warns when only this computer can open the address', async ({ page }) => {
	await login(page, ADMIN.contact, ADMIN.password);
	await page.goto('/trainer');
	const warning = page.getByRole('alert').filter({ hasText: 'hanya bisa dibuka di komputer ini' });
	await expect(warning).toBeVisible();
	await expect(warning).toContainText(`http://localhost:${new URL(BASE).port}`);
	await page.screenshot({ path: 'test-results/trainer-local-only.png', fullPage: true });
});
