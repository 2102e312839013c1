import { expect, request, test } from '@playwright/test';
import { BASE, register, uniquePhone } from './helpers';

// Issue 16 item 6: pages that depend on the session are sent `private, no-store`, so after
// signing out the Back button cannot bring back the account page (with the phone number) from
// the browser's cache; guests' public pages keep their caching.

test('after signing out, Back does not show the account page with the phone number', async ({
	page
}) => {
	const phone = uniquePhone();
	const shown = `${phone.slice(0, 4)}-${phone.slice(4, 8)}-${phone.slice(8)}`;
	await register(page, { name: 'Bu Narti Kembali', contact: phone, password: 'ledre pisang 9' });
	await page.goto('/account');
	await expect(page.getByText(shown)).toBeVisible();

	await page.goto('/logout');
	await page.getByRole('button', { name: 'Ya, keluar' }).click();
	await page.waitForURL(`${BASE}/`);
	await expect(page.getByRole('link', { name: 'Masuk' }).first()).toBeVisible();

	// Back (through the sign-out page) to where the account page was.
	for (let i = 0; i < 3 && !new URL(page.url()).pathname.startsWith('/login'); i++) {
		await page.goBack();
		await expect(page.locator('body')).not.toContainText(shown);
		await expect(page.locator('body')).not.toContainText('Bu Narti Kembali');
	}
	await page.screenshot({ path: 'test-results/back-after-logout.png' });
	expect(new URL(page.url()).pathname).toBe('/login');
});

test('signed-in pages are private, no-store; a guest’s lesson keeps its caching', async () => {
	const guest = await request.newContext({ baseURL: BASE });
	const lesson = await guest.get('/courses/manajemen-usaha/pembukuan-harian', {
		headers: { accept: 'text/html' }
	});
	expect(lesson.status()).toBe(200);
	expect(lesson.headers()['cache-control'] ?? '').not.toContain('no-store');

	const phone = uniquePhone();
	const signedIn = await request.newContext({
		baseURL: BASE,
		maxRedirects: 0,
		extraHTTPHeaders: { origin: BASE }
	});
	const made = await signedIn.post('/register', {
		headers: { accept: 'text/html' },
		form: {
			name: 'Bu Narti Cache',
			contact: phone,
			password: 'ledre pisang 9',
			confirm: 'ledre pisang 9'
		}
	});
	expect(made.status()).toBe(303);
	for (const path of [
		'/account',
		'/',
		'/courses',
		'/courses/manajemen-usaha',
		'/courses/manajemen-usaha/pembukuan-harian',
		'/courses/manajemen-usaha/quiz',
		'/account/__data.json'
	]) {
		const r = await signedIn.get(path, {
			headers: { accept: path.endsWith('.json') ? '*/*' : 'text/html' }
		});
		expect(r.status(), path).toBe(200);
		expect(r.headers()['cache-control'], path).toBe('private, no-store');
	}
	// The same lesson twice (the second from the server's page cache): still private.
	const again = await signedIn.get('/courses/manajemen-usaha/pembukuan-harian', {
		headers: { accept: 'text/html' }
	});
	expect(again.headers()['cache-control']).toBe('private, no-store');
	await guest.dispose();
	await signedIn.dispose();
});
