import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { register, uniquePhone, waitForLive } from './helpers';

/** Collects every Content-Security-Policy violation and refused script the page reports. */
async function watchViolations(page: Page) {
	const seen: string[] = [];
	page.on('console', (msg) => {
		if (/Content Security Policy|Refused to/i.test(msg.text())) seen.push(msg.text());
	});
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) =>
			console.error(`Refused to load (CSP ${e.violatedDirective}): ${e.blockedURI}`)
		);
	});
	return seen;
}

test('pages carry a script policy without unsafe-inline, and the other security headers', async ({
	request
}) => {
	const page = await request.get('/courses/manajemen-usaha/pembukuan-harian', {
		headers: { accept: 'text/html' }
	});
	const h = page.headers();
	const csp = h['content-security-policy'];
	const scripts = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
	expect(scripts).toContain("'self'");
	expect(scripts).toMatch(/'sha256-[^']+'/);
	expect(scripts).not.toContain('unsafe-inline');
	expect(csp).toContain("object-src 'none'");
	expect(csp).toContain("base-uri 'self'");
	expect(csp).toContain("frame-ancestors 'none'");
	// The hash in the header is the page's own start-up script's, and no other inline script runs.
	const hash = /'sha256-([^']+)'/.exec(scripts)![1];
	const html = await page.text();
	const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
		(m) => m[1]
	);
	expect(inline.length).toBeGreaterThan(0);
	const hashes = inline.map((code) => createHash('sha256').update(code).digest('base64'));
	expect(hashes).toContain(hash);
	expect(h['x-content-type-options']).toBe('nosniff');
	expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
	expect(h['permissions-policy']).toContain('camera=()');
	// Plain HTTP (a village hall's laptop): no HSTS, which would lock browsers out of it.
	expect(h['strict-transport-security']).toBeUndefined();

	const api = (await request.get('/api/health')).headers();
	expect(api['content-security-policy']).toContain("default-src 'none'");
	expect(api['x-content-type-options']).toBe('nosniff');

	// Static files bypass SvelteKit's hooks; server.js sets the headers on them.
	const icon = (await request.get('/favicon.svg')).headers();
	expect(icon['x-content-type-options']).toBe('nosniff');
	expect(icon['permissions-policy']).toContain('camera=()');
});

test('the session cookie is HttpOnly and SameSite=Lax (Secure is added over HTTPS)', async ({
	page
}) => {
	const cookies: string[] = [];
	page.on('response', async (r) => {
		const c = await r.headerValue('set-cookie');
		if (c?.includes('nk-session=')) cookies.push(c);
	});
	await register(page, { name: 'Wati Kuki', contact: uniquePhone(), password: 'kripik tempe 7' });
	// The listener reads headers asynchronously: wait for it rather than racing it.
	await expect.poll(() => cookies.length).toBeGreaterThan(0);
	for (const c of cookies) {
		expect(c).toMatch(/HttpOnly/i);
		expect(c).toMatch(/SameSite=Lax/i);
		expect(c).not.toMatch(/Secure/i);
	}
});

test('with the policy on, pages run: service worker, practice question, quiz, account', async ({
	page
}) => {
	const violations = await watchViolations(page);
	await page.goto('/');
	// The service worker registers from the page's own script.
	const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
	expect(scope).toMatch(/\/$/);

	await page.goto('/courses/manajemen-usaha/pisahkan-uang-usaha');
	await waitForLive(page);
	// Graded in the browser: only the page's own (hash-allowed) script can answer.
	const practice = page.getByRole('group').filter({ hasText: 'Cek pemahaman' }).first();
	await practice.getByRole('radio').first().check();
	await practice.getByRole('button', { name: 'Periksa jawaban' }).click();
	await expect(practice.getByText(/(Benar|Belum tepat)/)).toBeVisible();

	await page.goto('/courses/manajemen-usaha/quiz');
	await waitForLive(page);
	await page.goto('/account');
	await waitForLive(page);
	expect(violations).toEqual([]);
});
