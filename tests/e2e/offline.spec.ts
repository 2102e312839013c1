import { createClient } from '@libsql/client';
import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerQuiz, register, uniquePhone, waitForLive, BASE } from './helpers';

const COURSE = '/courses/manajemen-usaha';

/** The e2e server's own database file, read directly to count what was stored. */
async function countEvents(deviceId?: string) {
	const db = createClient({ url: 'file:.e2e/e2e.db' });
	const { rows } = deviceId
		? await db.execute({
				sql: 'SELECT count(*) AS n FROM progress_event WHERE device_id = ?',
				args: [deviceId]
			})
		: await db.execute('SELECT count(*) AS n FROM progress_event');
	db.close();
	return Number(rows[0].n);
}

const launchProfile = (profile: string) =>
	chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
		viewport: { width: 360, height: 740 }
	});

test('a saved course works offline, and what was done offline syncs once when back online', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	const syncBodies: string[] = [];
	page.on('request', (r) => {
		if (r.url().endsWith('/api/sync') && r.postData()) syncBodies.push(r.postData()!);
	});
	await register(page, { name: 'Bu Ning', contact: uniquePhone(), password: 'nugget lele sekar' });

	await page.goto(COURSE);
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.getByRole('button', { name: /^Simpan untuk offline \(sekitar \d+ KB\)$/ }).click();
	await expect(page.getByText(/Tersimpan untuk offline \(\d+ KB\)/)).toBeVisible({
		timeout: 30_000
	});

	await context.setOffline(true);
	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { name: 'Manajemen Usaha', level: 1 })).toBeVisible();

	// Read two lessons and mark one done, all offline.
	await page.getByRole('link', { name: /Pisahkan uang usaha/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Pisahkan uang usaha dan uang rumah tangga'
	);
	await page.getByRole('link', { name: /^Berikutnya:/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Pembukuan harian/);
	await page.getByRole('button', { name: 'Tandai selesai' }).click();
	await expect(page.getByText('Pelajaran ini sudah selesai')).toBeVisible();
	await expect(page.getByText(/Offline · \d+ aktivitas menunggu dikirim/)).toBeVisible();

	// A full reload of a saved lesson, offline, still works.
	await page.goto(`${COURSE}/menghitung-hpp`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/harga pokok produksi/);

	// A page that was never saved says so plainly.
	await page.goto('/courses/pemasaran-digital/foto-produk-dengan-hp');
	await expect(page.getByRole('heading', { name: 'Anda sedang offline' })).toBeVisible();
	// Styled like the app, with the saved courses to go to instead.
	await expect(page.locator('header')).toHaveCSS('background-color', 'rgb(11, 93, 59)');
	await expect(page.getByRole('link', { name: 'Manajemen Usaha', exact: true })).toHaveAttribute(
		'href',
		COURSE
	);

	// The graded quiz, offline: answers wait on the phone.
	await page.goto(`${COURSE}/quiz`);
	await answerQuiz(page);
	await page.getByRole('button', { name: 'Kirim jawaban' }).click();
	// Said where the learner is, at the end of the quiz; no second submit to press.
	await expect(
		page.getByText('Jawaban Anda tersimpan di HP dan menunggu dikirim.')
	).toBeInViewport();
	await expect(page.getByRole('button', { name: 'Kirim jawaban' })).toHaveCount(0);
	const before = await countEvents();

	// Back online: the outbox is sent, the quiz graded, the progress stored.
	await context.setOffline(false);
	await expect(
		page.getByText('Kuis yang dikirim saat offline sudah dinilai: 100% (lulus).')
	).toBeVisible({
		timeout: 30_000
	});
	expect(await countEvents()).toBeGreaterThan(before);
	await page.goto(COURSE);
	await expect(page.getByRole('progressbar', { name: 'Kemajuan kursus' })).toHaveAttribute(
		'aria-valuenow',
		'1'
	);
	await expect(page.getByText('Nilai terbaik Anda: 100% (lulus)')).toBeVisible();
	// The account page names the saved course by its title, not its address.
	await page.goto('/account');
	await expect(page.getByText('Kursus tersimpan: Manajemen Usaha')).toBeVisible();

	// Sending the same batches again stores nothing new.
	const after = await countEvents();
	for (const body of syncBodies) {
		const response = await page.request.post('/api/sync', { data: JSON.parse(body) });
		expect(response.status()).toBe(200);
	}
	expect(await countEvents()).toBe(after);
	await context.close();
});

test('the app is installable: manifest and service worker pass Chromium’s checks', async () => {
	// Installability is never reported in an incognito profile, which is what newContext() is.
	const profile = mkdtempSync(join(tmpdir(), 'nk-profile-'));
	const context = await launchProfile(profile);
	try {
		const page = await context.newPage();
		// First arrival three folders deep (a shared lesson link): the worker still registers at /.
		await page.goto(`${BASE}/courses/manajemen-usaha/menghitung-hpp`);
		const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
		expect(scope).toBe(`${BASE}/`);
		await page.reload();
		const manifest = await (await page.request.get(`${BASE}/manifest.webmanifest`)).json();
		expect(manifest).toMatchObject({
			lang: 'id',
			short_name: 'Naik Kelas',
			display: 'standalone',
			start_url: '/'
		});
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

test('what waits in the outbox survives closing the browser, and is sent at the next start', async () => {
	const profile = mkdtempSync(join(tmpdir(), 'nk-profile-'));
	try {
		let context = await launchProfile(profile);
		let page = await context.newPage();
		await page.goto(`${BASE}${COURSE}/pembukuan-harian`);
		await waitForLive(page);
		await context.setOffline(true);
		await page.getByRole('button', { name: 'Tandai selesai' }).click();
		await expect(page.getByText(/aktivitas menunggu dikirim/)).toBeVisible();
		const deviceId = (await context.cookies()).find((c) => c.name === 'nk-device')!.value;
		const stored = await countEvents(deviceId);
		await context.close(); // the whole browser goes, as when a phone kills it

		context = await launchProfile(profile);
		page = await context.newPage();
		await page.goto(`${BASE}/`);
		await expect.poll(() => countEvents(deviceId)).toBeGreaterThan(stored);
		await page.goto(`${BASE}${COURSE}/pembukuan-harian`);
		await expect(page.getByText('Pelajaran ini sudah selesai')).toBeVisible();
		await context.close();
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
});

test('a lesson opened once opens again from the phone, offline too, until a form changes what it shows', async ({
	browser
}) => {
	const lesson = `${COURSE}/menentukan-harga-jual`;
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await page.goto(lesson);
	await page.evaluate(() => navigator.serviceWorker.ready);
	// The worker keeps the lesson it found open, without downloading it again.
	await expect
		.poll(() =>
			page.evaluate(async (path) => !!(await (await caches.open('nk-pages')).match(path)), lesson)
		)
		.toBe(true);

	await context.setOffline(true);
	const again = await page.goto(lesson);
	expect(again?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Menentukan harga jual');
	await expect(page.getByRole('button', { name: 'Tandai selesai' })).toBeVisible();

	// Switching the language is a form: the kept copy (in Indonesian) is not shown again.
	await context.setOffline(false);
	await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.goto(lesson);
	await expect(page.getByRole('button', { name: 'Mark as done' })).toBeVisible();
	await context.close();
});

test('a quiz opened online, even as the first page, can be opened again offline', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	// From a shared link: the quiz is the first page, loaded before the service worker exists.
	await page.goto(`${COURSE}/quiz`);
	await page.evaluate(() => navigator.serviceWorker.ready);
	await expect
		.poll(() => page.evaluate(async (path) => !!(await caches.match(path)), `${COURSE}/quiz`))
		.toBe(true);

	await context.setOffline(true);
	const again = await page.goto(`${COURSE}/quiz`);
	expect(again?.fromServiceWorker()).toBe(true);
	await expect(page.locator('fieldset').first()).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Anda sedang offline' })).toHaveCount(0);
	await context.close();
});

test('account pages are never kept on the phone, which others may use after signing out', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await register(page, {
		name: 'Rina Berbagi HP',
		contact: uniquePhone(),
		password: 'ledre pisang raja'
	});
	await page.evaluate(() => navigator.serviceWorker.ready);
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	// Pages asked for with the worker in charge: a lesson is kept, the account page is not.
	await page.goto(`${COURSE}/menentukan-harga-jual`);
	await page.goto('/account');
	await expect(page.getByText('Rina Berbagi HP').first()).toBeVisible();
	const kept = (path: string) =>
		page.evaluate(async (p) => !!(await caches.match(p, { ignoreSearch: true })), path);
	await expect.poll(() => kept(`${COURSE}/menentukan-harga-jual`)).toBe(true);
	expect(await kept('/account')).toBe(false);

	await context.setOffline(true);
	await page.goto('/account');
	await expect(page.getByRole('heading', { name: 'Anda sedang offline' })).toBeVisible();
	await expect(page.getByText('Rina Berbagi HP')).toHaveCount(0);
	await context.close();
});
