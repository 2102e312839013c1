import { expect, test, type Page } from '@playwright/test';
import { ADMIN, expectNoAxeViolations, login, quiz, register, uniquePhone } from './helpers';

/** Today in Bojonegoro (WIB). */
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** Every element the Tab key reaches is in view, above the phone's fixed bottom bar. */
async function expectFocusAboveBar(page: Page, stops: number) {
	const barTop = (await page.locator('nav.bottom-nav').boundingBox())!.y;
	for (let i = 0; i < stops; i++) {
		await page.keyboard.press('Tab');
		const box = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement | null;
			if (!el || el === document.body || el.closest('nav.bottom-nav')) return null;
			const r = el.getBoundingClientRect();
			// The room the browser keeps clear of the bar: the screen less scroll-padding-bottom.
			const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom);
			return {
				top: r.top,
				bottom: r.bottom,
				room: innerHeight - (padding || 0),
				what: el.outerHTML.slice(0, 80)
			};
		});
		if (!box) continue;
		if (box.bottom - box.top > Math.min(box.room, barTop)) {
			// Taller than the room above the bar (a long table): at least on screen.
			expect(box.top, `${box.what} is under the bottom bar`).toBeLessThan(barTop);
			expect(box.bottom, `${box.what} is above the screen`).toBeGreaterThan(0);
			continue;
		}
		expect(box.bottom, `${box.what} is under the bottom bar`).toBeLessThanOrEqual(barTop + 1);
		expect(box.top, `${box.what} is above the screen`).toBeGreaterThanOrEqual(0);
	}
}

test('a new learner is welcomed, saves the business profile and sees it said beside the button, and the last lesson leads to the quiz, whose result writes Rupiah one way', async ({
	page
}) => {
	await register(page, { name: 'Bu Marni', contact: uniquePhone(), password: 'brem madiun 2026' });
	await expect(page.getByRole('heading', { name: 'Selamat datang di Naik Kelas!' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: 'Isi profil usaha', exact: true }).click();
	await expect(page).toHaveURL(/#business$/);
	await page.getByLabel('Nama usaha').fill('Brem Bu Marni');
	await page.getByLabel('Kecamatan').selectOption('Kapas');
	await page.getByRole('button', { name: 'Simpan', exact: true }).click();
	await expect(page.getByText('Tersimpan.')).toBeInViewport();

	// The last lesson: on to the quiz.
	await page.goto('/courses/manajemen-usaha/stok-arus-kas-dan-kur');
	await page.getByRole('link', { name: 'Lanjut ke kuis →' }).click();
	await expect(page).toHaveURL(/\/courses\/manajemen-usaha\/quiz$/);

	// Rupiah typed three ways comes back written one way.
	const numeric = quiz.questions.filter((q) => q.kind === 'numeric');
	expect(numeric.length).toBeGreaterThanOrEqual(2);
	const typed = ['Rp{n}', '{n}', 'Rp {n}'];
	for (const q of quiz.questions) {
		const field = `input[name="q.${q.id}"]`;
		if (q.kind === 'numeric')
			await page
				.locator(field)
				.fill(typed[numeric.indexOf(q) % typed.length].replace('{n}', String(q.answer)));
		else if (q.kind === 'truefalse') await page.locator(`${field}[value="${q.answer}"]`).check();
		else
			for (const id of Array.isArray(q.answer) ? q.answer : [q.answer])
				await page.locator(`${field}[value="${id}"]`).check();
	}
	await page.getByRole('button', { name: 'Kirim jawaban' }).click();
	await expect(page.getByRole('heading', { name: 'Nilai Anda: 100%' })).toBeVisible();
	const rupiah = (n: number) => `Rp${n.toLocaleString('id-ID')}`;
	for (const q of numeric)
		await expect(
			page.getByText(`Jawaban Anda: ${rupiah(Number(q.answer))}`, { exact: true }).first()
		).toBeVisible();
	await expect(page.getByText(/RpRp|Jawaban Anda: Rp ?\d{4,}/)).toHaveCount(0);
});

test('keyboard focus stays above the bottom bar and shows on the green header', async ({
	page
}) => {
	await register(page, { name: 'Pak Kasno', contact: uniquePhone(), password: 'tahu takwa 2026' });
	await page.goto('/courses/manajemen-usaha/menghitung-hpp');
	await expect(page.locator('.lesson-body')).toBeVisible();
	// The brand link: a white ring, seen on the green bar.
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await expect(page.locator('header a.brand')).toBeFocused();
	await expect(page.locator('header a.brand')).toHaveCSS('outline-color', 'rgb(255, 255, 255)');
	await expectFocusAboveBar(page, 40);

	await page.goto('/courses/manajemen-usaha/quiz');
	await expect(page.getByRole('heading', { name: 'Kuis: Manajemen Usaha' })).toBeVisible();
	await expectFocusAboveBar(page, quiz.questions.length + 8);
});

test('in English the header keeps the brand and the language button on one line at 360 px', async ({
	page
}) => {
	await page.goto('/courses');
	await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
	const button = page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' });
	await expect(button).toBeVisible();
	expect((await button.boundingBox())!.height).toBeLessThanOrEqual(48);
	expect((await page.locator('header a.brand').boundingBox())!.height).toBeLessThanOrEqual(48);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('"Lupa kata sandi?" says who can help', async ({ page }) => {
	await page.goto('/login');
	await page.getByText('Lupa kata sandi?').click();
	await expect(page.getByText(/Minta pelatih bimtek Anda atau admin PKK/)).toBeVisible();
	await expectNoAxeViolations(page);
});

test('headings do not skip a level on the catalogue, and the cohort edit form posts to its page', async ({
	page
}) => {
	await page.goto('/courses');
	const levels = await page
		.locator('main')
		.locator('h1, h2, h3, h4, h5, h6')
		.evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
	expect(levels[0]).toBe(1);
	for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);

	await login(page, ADMIN.contact, ADMIN.password);
	await page.goto('/trainer');
	await page.getByLabel('Nama kelas').fill(`Bimtek Ubah ${Date.now()}`);
	await page.getByLabel('Kecamatan').selectOption('Kapas');
	await page.getByLabel('Tanggal ke-1').fill(today);
	await page.getByLabel('Manajemen Usaha').check();
	await page.getByRole('button', { name: 'Buat kelas' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Bimtek Ubah');
	await page.goto(`${page.url()}/edit`);
	const form = page.locator('main form[method="POST"]').first();
	await expect(form).toBeVisible();
	expect(await form.getAttribute('action')).not.toBe('');
});

test('a learner sees the bimtek class they joined, with dates, venue and trainer, on home and account', async ({
	browser
}) => {
	const trainer = await (await browser.newContext()).newPage();
	await login(trainer, ADMIN.contact, ADMIN.password);
	await trainer.goto('/trainer');
	const name = `Bimtek Kemasan Dander ${Date.now()}`;
	await trainer.getByLabel('Nama kelas').fill(name);
	await trainer.getByLabel('Tempat').fill('Balai Desa Dander');
	await trainer.getByLabel('Kecamatan').selectOption('Dander');
	await trainer.getByLabel('Tanggal ke-1').fill(today);
	await trainer.getByLabel('Manajemen Usaha').check();
	await trainer.getByRole('button', { name: 'Buat kelas' }).click();
	await expect(trainer.getByRole('heading', { level: 1, name })).toBeVisible();
	const code = (await trainer.locator('.join .code').textContent())!.trim();

	const learner = await (await browser.newContext()).newPage();
	await learner.goto(`/join/${code}`);
	await learner.getByLabel('Nama lengkap').fill('Ibu Sumini');
	await learner.getByLabel('Nomor HP (WhatsApp) atau email').fill(uniquePhone());
	await learner.getByLabel('Kata sandi', { exact: true }).fill('kerajinan kayu jati');
	await learner.getByLabel('Ulangi kata sandi').fill('kerajinan kayu jati');
	await learner.getByRole('button', { name: 'Daftar dan gabung' }).click();
	await expect(learner.getByText(`Anda sudah bergabung ke ${name}.`)).toBeVisible();

	const day = new Intl.DateTimeFormat('id-ID', {
		day: 'numeric',
		month: 'short',
		timeZone: 'UTC'
	}).format(new Date(`${today}T00:00:00Z`));
	for (const path of ['/', '/account']) {
		await learner.goto(path);
		const section = learner.getByRole('region', { name: 'Kelas bimtek Anda' });
		await expect(section).toContainText(name);
		await expect(section).toContainText('Balai Desa Dander, Dander');
		await expect(section).toContainText(ADMIN.name);
		await expect(section).toContainText(day);
		await expectNoAxeViolations(learner);
	}
});

test('"Nonaktifkan akun" asks first, and both steps work without JavaScript', async ({
	browser
}) => {
	const learnerName = `Mbak Tini ${Date.now()}`;
	const learner = await (await browser.newContext()).newPage();
	await register(learner, {
		name: learnerName,
		contact: uniquePhone(),
		password: 'batik jonegoroan'
	});

	const admin = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await admin.goto('/login');
	await admin.getByLabel('Nomor HP (WhatsApp) atau email').fill(ADMIN.contact);
	await admin.getByLabel('Kata sandi').fill(ADMIN.password);
	await admin.getByRole('button', { name: 'Masuk' }).click();
	await admin.goto(`/admin/users?q=${encodeURIComponent(learnerName)}`);
	await admin.getByRole('button', { name: `Nonaktifkan akun ${learnerName}` }).click();
	// Only asked: the page opens at the question, and the account still works.
	await expect(
		admin.getByText(`Nonaktifkan akun ${learnerName}? Ia tidak bisa masuk lagi`)
	).toBeInViewport();
	await expect(admin).toHaveURL(/#user-/);
	await learner.goto('/account');
	await expect(learner).toHaveURL(/\/account$/);

	await admin.getByRole('button', { name: 'Ya, nonaktifkan' }).click();
	await expect(
		admin.getByText(`Akun ${learnerName} dinonaktifkan. Semua sesi masuknya sudah diakhiri.`)
	).toBeVisible();
	await learner.goto('/account');
	await expect(learner).toHaveURL(/\/login/);
});
