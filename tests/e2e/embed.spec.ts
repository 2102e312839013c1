import { createClient } from '@libsql/client';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { answerQuiz, expectNoAxeViolations, login, uniquePhone, ADMIN } from './helpers';

// The app is framed from 127.0.0.1 inside partner pages on localhost: two different sites, so
// the frame is third-party. Debian's Chromium already blocks unpartitioned third-party
// cookies there, as Safari does: the embed must work without the site's cookies.
const PORT = Number(process.env.E2E_PORT || 4173);
const APP = `http://127.0.0.1:${PORT}`;
const PARTNER = `http://localhost:${PORT + 1}`;
const STRANGER = `http://localhost:${PORT + 2}`;
/** A site registered while the tests run: it must work at once in every server process. */
const NEWCOMER = `http://localhost:${PORT + 3}`;
const COURSE = 'manajemen-usaha';

let partnerId = '';
const servers: Server[] = [];

/** A partner's page: the snippet from the admin page, and a listener that shows its events. */
function hostPage(url: URL) {
	const course = url.searchParams.get('course') ?? COURSE;
	const lesson = url.searchParams.get('lesson');
	const frame = url.searchParams.get('frame');
	// ?partner=none: a snippet without data-partner; ?partner=<id>: that id, right or wrong.
	const partner = url.searchParams.get('partner') ?? partnerId;
	const attrs =
		(partner === 'none' ? '' : ` data-partner="${partner}"`) +
		` data-course="${course}"` +
		(lesson ? ` data-lesson="${lesson}"` : '');
	const embed = frame
		? `<iframe src="${APP}${frame}" title="Naik Kelas" style="width:100%;height:400px"></iframe>`
		: `<script src="${APP}/embed.js"${attrs} async></script>`;
	return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Desa Contoh</title></head>
<body><h1>Website Desa Contoh</h1>
<script>
window.received = [];
document.addEventListener('naik-kelas', function (e) {
	window.received.push(e.detail);
	if (e.detail.type === 'height' || e.detail.type === 'ready') return;
	var li = document.createElement('li');
	li.textContent = e.detail.type + ' ' + (e.detail.course || '') + '/' + (e.detail.lesson || '') +
		(e.detail.badge ? ' ' + e.detail.badge.name : '');
	document.getElementById('events').appendChild(li);
});
</script>
${embed}
<ul id="events"></ul></body></html>`;
}

test.beforeAll(async () => {
	for (const port of [PORT + 1, PORT + 2, PORT + 3]) {
		const server = createServer((req, res) => {
			res.setHeader('content-type', 'text/html; charset=utf-8');
			res.end(hostPage(new URL(req.url ?? '/', `http://localhost:${port}`)));
		});
		await new Promise<void>((resolve) => server.listen(port, 'localhost', resolve));
		servers.push(server);
	}
});

test.afterAll(async () => {
	for (const server of servers) await new Promise((resolve) => server.close(resolve));
});

async function partnerCounts(id: string) {
	const db = createClient({ url: 'file:.e2e/e2e.db' });
	const { rows } = await db.execute({
		sql: `SELECT count(*) AS n, count(user_id) AS claimed FROM progress_event
		      WHERE partner_id = ? AND kind = 'lesson_completed'`,
		args: [id]
	});
	db.close();
	return { completions: Number(rows[0].n), claimed: Number(rows[0].claimed) };
}

async function signInAsAdmin(page: Page) {
	await login(page, ADMIN.contact, ADMIN.password);
}

const frameHeight = (page: Page) =>
	page.locator('iframe').evaluate((f) => Math.round(f.getBoundingClientRect().height));

test.describe.configure({ mode: 'serial' });

test('an admin registers a partner; bad origins are refused with a clear message', async ({
	page
}) => {
	await signInAsAdmin(page);
	await page.goto('/admin/partners');
	await expectNoAxeViolations(page);
	await page.getByLabel('Nama mitra').fill('Desa Contoh');
	await page.getByLabel('Kontak (nomor HP atau email)').fill('0812 3456 7890');
	const origins = page.getByLabel('Alamat situs yang diizinkan');
	await origins.fill(
		'https://desa-contoh.id/berita\nhttps://*.desa-contoh.id\nhttp://desa-contoh.id'
	);
	await page.getByRole('button', { name: 'Simpan mitra' }).click();
	await expect(page.getByText('"https://desa-contoh.id/berita" memuat halaman')).toBeVisible();
	await expect(page.getByText('"https://*.desa-contoh.id" memakai tanda bintang')).toBeVisible();
	await expect(page.getByText('"http://desa-contoh.id" memakai http:.')).toBeVisible();
	// Nothing typed is lost.
	await expect(page.getByLabel('Nama mitra')).toHaveValue('Desa Contoh');
	await expect(origins).toHaveValue(/berita/);

	await origins.fill(`${PARTNER}\nhttps://desa-contoh.id`);
	await page.getByRole('button', { name: 'Simpan mitra' }).click();
	await page.waitForURL(/\/admin\/partners\/[0-9a-f]{8}$/);
	partnerId = page.url().split('/').pop()!;
	await expect(page.getByRole('heading', { name: 'Desa Contoh', level: 1 })).toBeVisible();
	await expect(page.getByLabel('Kode utama (disarankan)')).toHaveValue(
		new RegExp(`embed\\.js" data-partner="${partnerId}" data-course="${COURSE}" async`)
	);
	await expect(page.getByText('0 peserta · 0 pelajaran selesai')).toBeVisible();
	// The live preview frames the embed from our own page.
	await expect(
		page.frameLocator('iframe.preview').getByRole('heading', { name: 'Manajemen Usaha' })
	).toBeVisible();
	await expectNoAxeViolations(page);
});

test('on a partner page a guest learns in the frame, the host hears of it, and "Simpan progres" saves it to an account', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto(PARTNER);
	const frame = page.frameLocator('iframe');

	// The course appears, and the frame takes its content's height (not the snippet's 600 px).
	await expect(frame.getByRole('heading', { name: 'Manajemen Usaha', level: 1 })).toBeVisible();
	// The condition this test is about: the frame gets no unpartitioned third-party cookie.
	const thirdPartyCookie = await page.frames()[1].evaluate(() => {
		document.cookie = 'probe=1; SameSite=None; Secure; path=/';
		return document.cookie.includes('probe=1');
	});
	expect(thirdPartyCookie).toBe(false);
	// (Once the frame's script runs: on a busy machine that can take a while.)
	await expect.poll(() => frameHeight(page), { timeout: 20_000 }).not.toBe(600);
	const courseHeight = await frameHeight(page);
	const contentHeight = await frame
		.locator('.embed')
		.evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
	expect(courseHeight).toBe(contentHeight);

	// A lesson is longer: the frame grows.
	await frame.getByRole('link', { name: /Pisahkan uang usaha/ }).click();
	await expect(frame.getByRole('heading', { level: 1 })).toHaveText(
		'Pisahkan uang usaha dan uang rumah tangga'
	);
	await expect.poll(() => frameHeight(page)).toBeGreaterThan(courseHeight + 300);
	await expectNoAxeViolations(page);

	// The practice question works inside the frame.
	const practice = frame.locator('.practice').first();
	await practice.getByRole('radio').first().check();
	await practice.getByRole('button').click();
	await expect(practice.locator('.feedback p')).toBeVisible();

	// A guest completes the lesson; the host page receives the event.
	await frame.getByRole('button', { name: 'Tandai selesai' }).click();
	await expect(frame.getByText('Pelajaran ini sudah selesai')).toBeVisible();
	await expect(page.getByText(`lesson-completed ${COURSE}/pisahkan-uang-usaha`)).toBeVisible();
	// Stored for the partner, as a guest's (the frame's own device), once sent.
	await expect.poll(() => partnerCounts(partnerId)).toEqual({ completions: 1, claimed: 0 });

	// Back on the course page the frame shrinks again.
	await frame.getByRole('link', { name: 'Manajemen Usaha' }).first().click();
	await expect(frame.getByRole('heading', { name: 'Manajemen Usaha', level: 1 })).toBeVisible();
	await expect.poll(() => frameHeight(page)).toBeLessThan(courseHeight + 100);

	// The lesson is ticked there, and still after a reload: this frame gets no IndexedDB, so
	// what the guest did comes from the server (the frame's partitioned device cookie).
	const firstDone = frame.getByRole('link', { name: /Pisahkan uang usaha.*\(selesai\)/ });
	await expect(firstDone).toBeVisible();
	await page.reload();
	await expect(frame.getByRole('link', { name: /^Lanjutkan: Pembukuan harian/ })).toBeVisible();
	await expect(firstDone).toBeVisible();

	// "Simpan progres": a top-level window of our own site to register.
	const [popup] = await Promise.all([
		context.waitForEvent('page'),
		frame.getByRole('button', { name: 'Simpan progres' }).click()
	]);
	await popup.waitForURL(/\/login\?next=/);
	await popup.getByRole('link', { name: 'Daftar' }).click();
	const name = 'Bu Warsini';
	const password = 'kerupuk tayamum 7';
	await popup.getByLabel('Nama lengkap').fill(name);
	await popup.getByLabel('Nomor HP (WhatsApp) atau email').fill(uniquePhone());
	await popup.getByLabel('Kata sandi', { exact: true }).fill(password);
	await popup.getByLabel('Ulangi kata sandi').fill(password);
	await popup.getByRole('button', { name: 'Daftar' }).click();
	await popup.waitForURL(/\/save-progress\?/);
	await expectNoAxeViolations(popup);
	await popup.getByRole('button', { name: 'Simpan ke akun saya' }).click();
	await expect(popup.getByText(`Progres tersimpan di akun ${name}.`)).toBeVisible();

	// The frame now syncs as that account.
	await expect(frame.getByText(`Tersimpan di akun ${name}`)).toBeVisible();
	await expect.poll(() => partnerCounts(partnerId)).toEqual({ completions: 1, claimed: 1 });

	// After a reload the frame still knows the account (its partitioned cookie), and what it
	// records now is the account's straight away.
	await page.reload();
	await expect(frame.getByText(`Tersimpan di akun ${name}`)).toBeVisible();
	await frame.getByRole('link', { name: /^Lanjutkan: Pembukuan harian/ }).click();
	await frame.getByRole('button', { name: 'Tandai selesai' }).click();
	await expect(page.getByText(`lesson-completed ${COURSE}/pembukuan-harian`)).toBeVisible();
	await expect.poll(() => partnerCounts(partnerId)).toEqual({ completions: 2, claimed: 2 });

	// And the progress shows on the main site.
	await popup.goto(`${APP}/courses/${COURSE}`);
	await expect(popup.getByText(/^2 dari \d+ pelajaran selesai$/)).toBeVisible();

	// The graded quiz in the frame, as the linked account: the last three lessons, then the
	// quiz; the host hears that it was passed and that the course badge was awarded.
	for (const lesson of ['menghitung-hpp', 'menentukan-harga-jual', 'stok-arus-kas-dan-kur']) {
		await frame.getByRole('link', { name: /^Berikutnya:/ }).click();
		await frame.getByRole('button', { name: 'Tandai selesai' }).click();
		await expect(page.getByText(`lesson-completed ${COURSE}/${lesson}`)).toBeVisible();
	}
	await frame.getByRole('link', { name: /Ikuti kuis/ }).click();
	await answerQuiz(frame as unknown as Page);
	await frame.getByRole('button', { name: 'Kirim jawaban' }).click();
	await expect(frame.getByText(/^Nilai Anda \d+% \(lulus\)\.$/)).toBeVisible();
	await expect(frame.getByText(/Selamat! Anda mendapat lencana/)).toBeVisible();
	await expect(page.getByText(`quiz-passed ${COURSE}/`)).toBeVisible();
	await expect(page.getByText(/^badge-awarded \//)).toBeVisible();
	expect(errors).toEqual([]);
	await context.close();
});

test('the host page ignores hostile messages, and an unknown course says so inside the frame', async ({
	page
}) => {
	await page.goto(`${PARTNER}/?course=tidak-ada`);
	const frame = page.frameLocator('iframe');
	await expect(frame.getByRole('heading', { name: 'Kursus tidak ditemukan' })).toBeVisible();
	await expect.poll(() => frameHeight(page), { timeout: 20_000 }).not.toBe(600);
	const height = await frameHeight(page);
	// A message from the host page itself, in our format: not from our frame, so ignored.
	const seen = await page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				addEventListener('message', () => resolve(window.received.length), { once: true });
				postMessage({ source: 'naik-kelas', type: 'height', height: 5000 }, '*');
			})
	);
	expect(await frameHeight(page)).toBe(height);
	expect(await page.evaluate(() => window.received.length)).toBe(seen);
});

test('an unregistered site gets a short message in the frame, no course, and nobody can frame the main site', async ({
	page
}) => {
	// The partner's snippet pasted on a site that is not registered: a message in the frame's
	// place (not the browser's "refused to connect"), and nothing of the course or a learner.
	const embedResponse = page.waitForResponse((r) => r.url().includes('/embed/courses/'));
	await page.goto(STRANGER);
	const response = await embedResponse;
	expect(response.status()).toBe(403);
	expect(response.headers()['set-cookie']).toBeUndefined();
	const frame = page.frameLocator('iframe');
	await expect(
		frame.getByText(/^Situs ini belum terdaftar sebagai mitra Naik Kelas\./)
	).toBeVisible();
	await expect(frame.getByRole('link', { name: 'Buka kursus di Naik Kelas' })).toHaveAttribute(
		'href',
		`/courses/${COURSE}`
	);
	await expect(frame.getByRole('button', { name: 'Simpan progres' })).toHaveCount(0);
	await expect(frame.getByRole('heading', { name: 'Manajemen Usaha' })).toHaveCount(0);
	// The frame takes the message's height, not the snippet's 600 px.
	await expect.poll(() => frameHeight(page), { timeout: 20_000 }).not.toBe(600);
	expect(await frameHeight(page)).toBe(
		await frame.locator('.embed').evaluate((e) => Math.ceil(e.getBoundingClientRect().height))
	);
	await page.screenshot({ path: 'test-results/embed-unregistered-site.png' });

	// The registered partner framing a normal page of the site: refused too.
	const pageResponse = page.waitForResponse((r) => r.url() === `${APP}/courses/${COURSE}`);
	await page.goto(`${PARTNER}/?frame=/courses/${COURSE}`);
	const headers = (await pageResponse).headers();
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['x-frame-options']).toBe('DENY');
	await expect.poll(() => page.frames()[1]?.url()).toMatch(/^chrome-error:/);
});

test('the admin sees the learner and the completion counted for the partner', async ({ page }) => {
	await signInAsAdmin(page);
	await page.goto('/admin/partners');
	await expect(page.getByRole('listitem').filter({ hasText: 'Desa Contoh' })).toContainText(
		'1 peserta · 5 pelajaran selesai'
	);
});

/**
 * The two browsers a partner's learners have: Playwright's Chromium as it starts (third-party
 * cookies blocked and IndexedDB refused in the frame, as the issue saw it) and one like shipping
 * Chrome, Safari and Firefox (third-party storage partitioned: the frame has its own IndexedDB).
 */
const SETUPS = ['blocked', 'partitioned'] as const;
type Setup = (typeof SETUPS)[number];

async function contextFor(browser: Browser, setup: Setup) {
	const own =
		setup === 'blocked'
			? null
			: await chromium.launch({
					executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-features=TrackingProtection3pcd',
						'--enable-features=ThirdPartyStoragePartitioning'
					]
				});
	const context = await (own ?? browser).newContext({
		viewport: { width: 360, height: 740 },
		locale: 'id-ID'
	});
	return { context, close: async () => (await context.close(), await own?.close()) };
}

/** Whether the frame may open IndexedDB: the difference between the two set-ups. */
const frameHasIndexedDb = (page: Page) =>
	page.frames()[1].evaluate(
		() =>
			new Promise<boolean>((resolve) => {
				const request = indexedDB.open('probe');
				request.onsuccess = () => resolve(true);
				request.onerror = () => resolve(false);
			})
	);

for (const setup of SETUPS) {
	test(`a guest's progress in the frame survives a reload (${setup})`, async ({ browser }) => {
		test.setTimeout(60_000);
		const { context, close } = await contextFor(browser, setup);
		const page = await context.newPage();
		await page.goto(PARTNER);
		const frame = page.frameLocator('iframe');
		await expect(frame.getByRole('link', { name: 'Mulai belajar' })).toBeVisible();
		expect(await frameHasIndexedDb(page)).toBe(setup === 'partitioned');

		await frame.getByRole('link', { name: /Pembukuan harian/ }).click();
		await frame.getByRole('button', { name: 'Tandai selesai' }).click();
		await expect(frame.getByText('Pelajaran ini sudah selesai')).toBeVisible();

		await page.reload();
		await expect(
			frame.getByRole('link', { name: /^Lanjutkan: Pisahkan uang usaha/ })
		).toBeVisible();
		await expect(frame.getByRole('link', { name: /Pembukuan harian.*\(selesai\)/ })).toBeVisible();
		await page.screenshot({ path: `test-results/embed-guest-after-reload-${setup}.png` });
		await frame.getByRole('link', { name: /Pembukuan harian/ }).click();
		await expect(frame.getByText('Pelajaran ini sudah selesai')).toBeVisible();
		await expect(frame.getByRole('button', { name: 'Tandai selesai' })).toHaveCount(0);
		await close();
	});

	test(`after "Simpan progres" the frame shows the account's progress at once, and after a reload (${setup})`, async ({
		browser
	}) => {
		test.setTimeout(90_000);
		const { context, close } = await contextFor(browser, setup);
		// Someone who learned two lessons on our own site.
		const main = await context.newPage();
		const name = `Bu Sulastri ${setup}`;
		const password = 'ledre pisang 2026';
		await main.goto(`${APP}/register`);
		await main.getByLabel('Nama lengkap').fill(name);
		await main.getByLabel('Nomor HP (WhatsApp) atau email').fill(uniquePhone());
		await main.getByLabel('Kata sandi', { exact: true }).fill(password);
		await main.getByLabel('Ulangi kata sandi').fill(password);
		await main.getByRole('button', { name: 'Daftar' }).click();
		await main.waitForURL(/\/account/);
		for (const lesson of ['pisahkan-uang-usaha', 'pembukuan-harian']) {
			await main.goto(`${APP}/courses/${COURSE}/${lesson}`);
			await main.getByRole('button', { name: 'Tandai selesai' }).click();
			await expect(main.getByText('Pelajaran ini sudah selesai')).toBeVisible();
		}

		// On the partner's page the frame knows nobody yet.
		const page = await context.newPage();
		await page.goto(PARTNER);
		const frame = page.frameLocator('iframe');
		await expect(frame.getByRole('link', { name: 'Mulai belajar' })).toBeVisible();
		const [popup] = await Promise.all([
			context.waitForEvent('page'),
			frame.getByRole('button', { name: 'Simpan progres' }).click()
		]);
		await popup.waitForURL(/\/save-progress\?/);
		await popup.getByRole('button', { name: 'Simpan ke akun saya' }).click();
		await expect(popup.getByText(`Progres tersimpan di akun ${name}.`)).toBeVisible();

		// At once, without a reload: the account's two lessons.
		await expect(frame.getByText(`Tersimpan di akun ${name}`)).toBeVisible();
		await expect(
			frame.getByRole('link', { name: /^Lanjutkan: Menghitung harga pokok/ })
		).toBeVisible();
		await expect(frame.getByRole('link', { name: /Pembukuan harian.*\(selesai\)/ })).toBeVisible();
		await page.screenshot({ path: `test-results/embed-account-at-once-${setup}.png` });

		await page.reload();
		await expect(frame.getByText(`Tersimpan di akun ${name}`)).toBeVisible();
		await expect(
			frame.getByRole('link', { name: /^Lanjutkan: Menghitung harga pokok/ })
		).toBeVisible();
		await frame.getByRole('link', { name: /Pisahkan uang usaha/ }).click();
		await expect(frame.getByText('Pelajaran ini sudah selesai')).toBeVisible();
		await close();
	});
}

test('"Berikutnya" in the frame brings the top of the next lesson into view on the host page', async ({
	page
}) => {
	await page.goto(`${PARTNER}/?lesson=pisahkan-uang-usaha`);
	const frame = page.frameLocator('iframe');
	await expect(frame.getByRole('heading', { level: 1 })).toHaveText(
		'Pisahkan uang usaha dan uang rumah tangga'
	);
	// The frame has grown to the lesson's height: "Berikutnya" is far down the host page.
	await expect.poll(() => frameHeight(page), { timeout: 20_000 }).toBeGreaterThan(1500);
	await frame.getByRole('link', { name: /^Berikutnya:/ }).click();
	await expect(frame.getByRole('heading', { level: 1 })).toHaveText(
		'Pembukuan harian dengan buku kas'
	);
	const frameTop = () =>
		page.locator('iframe').evaluate((f) => Math.round(f.getBoundingClientRect().top));
	await expect.poll(frameTop).toBeGreaterThanOrEqual(0);
	expect(await frameTop()).toBeLessThan(740);
	await page.screenshot({ path: 'test-results/embed-next-lesson-top.png' });
	// The host hears of the move, with the page it moved to.
	expect(await page.evaluate(() => window.received.map((m) => m.type))).toContain('navigated');
});

test('a snippet without data-partner, or with a wrong one, is resolved from the registered origin', async ({
	page
}) => {
	const cases = [
		['none', 'stok-arus-kas-dan-kur', /Stok, arus kas/],
		['ab12cd34', 'menentukan-harga-jual', /Menentukan harga jual/]
	] as const;
	for (const [partner, lesson, title] of cases) {
		await page.goto(`${PARTNER}/?partner=${partner}`);
		const frame = page.frameLocator('iframe');
		await expect(frame.getByRole('heading', { name: 'Manajemen Usaha', level: 1 })).toBeVisible();
		// Messages reach the host: the frame takes its content's height.
		await expect.poll(() => frameHeight(page), { timeout: 20_000 }).not.toBe(600);
		// And its progress counts for the partner of that origin.
		const before = (await partnerCounts(partnerId)).completions;
		await frame.getByRole('link', { name: title }).click();
		await frame.getByRole('button', { name: 'Tandai selesai' }).click();
		await expect(page.getByText(`lesson-completed ${COURSE}/${lesson}`)).toBeVisible();
		await expect.poll(async () => (await partnerCounts(partnerId)).completions).toBe(before + 1);
	}
});

test('a site registered a moment ago can embed at once, whichever server process answers', async ({
	page
}) => {
	// Not registered yet, as every server process has seen (and may have kept).
	for (let i = 0; i < 2; i++) {
		await page.goto(NEWCOMER);
		await expect(page.frameLocator('iframe').getByText(/^Situs ini belum terdaftar/)).toBeVisible();
	}
	await signInAsAdmin(page);
	await page.goto('/admin/partners');
	await page.getByLabel('Nama mitra').fill('Koperasi Baru');
	await page.getByLabel('Alamat situs yang diizinkan').fill(NEWCOMER);
	await page.getByRole('button', { name: 'Simpan mitra' }).click();
	await page.waitForURL(/\/admin\/partners\/[0-9a-f]{8}$/);
	const newcomer = page.url().split('/').pop()!;
	// server.js runs a process per core; successive page loads reach different ones.
	for (let i = 0; i < 4; i++) {
		await page.goto(`${NEWCOMER}/?partner=${newcomer}`);
		await expect(
			page.frameLocator('iframe').getByRole('heading', { name: 'Manajemen Usaha', level: 1 })
		).toBeVisible();
	}
});

test("on the main site a guest's completed lessons are ticked on the course page, after a reload too", async ({
	page
}) => {
	await page.goto(`/courses/${COURSE}/menghitung-hpp`);
	// The page's script runs (it has recorded the visit): a guest's click is kept on the phone.
	await expect(page.getByText(/aktivitas menunggu dikirim/)).toBeVisible();
	await page.getByRole('button', { name: 'Tandai selesai' }).click();
	await expect(page.getByText('Pelajaran ini sudah selesai')).toBeVisible();
	await page.goto(`/courses/${COURSE}`);
	const ticked = page.getByRole('link', { name: /Menghitung harga pokok.*\(selesai\)/ });
	await expect(ticked).toBeVisible();
	await page.reload();
	await expect(ticked).toBeVisible();
	await expect(page.locator('li.done')).toHaveCount(1);
	await expect(page.getByRole('link', { name: /^Lanjutkan: Pisahkan uang usaha/ })).toBeVisible();
});

declare global {
	interface Window {
		received: { type: string }[];
	}
}
