import { expect, test } from '@playwright/test';
import { ADMIN, expectNoAxeViolations, login, register, uniquePhone } from './helpers';

const LESSON = '/courses/legalitas-naik-kelas/sertifikat-halal';

test('a lesson shows when it was checked, and an admin’s Pembaruan reaches learners at once', async ({
	browser
}) => {
	// A guest first: this also puts the lesson in the page cache.
	const guest = await (await browser.newContext()).newPage();
	await guest.goto(LESSON);
	await expect(guest.getByText('Diperbarui 7 Desember 2026')).toBeVisible();
	await expect(guest.getByText(/^Pembaruan /)).toHaveCount(0);

	const admin = await (await browser.newContext()).newPage();
	await login(admin, ADMIN.contact, ADMIN.password);
	await admin.goto('/admin/lessons');
	await expect(
		admin.getByRole('heading', { name: 'Materi dan tanggal pemeriksaan' })
	).toBeVisible();
	await expectNoAxeViolations(admin);
	await admin.getByRole('link', { name: 'Sertifikat halal untuk usaha mikro dan kecil' }).click();
	await expect(admin.getByText('Periksa lagi paling lambat 1 Maret 2027')).toBeVisible();
	await expect(admin.getByRole('link', { name: /BPJPH–Kemenperin/ })).toBeVisible();
	const text = 'BPJPH membuka kuota SEHATI tambahan. <b>Daftar</b> lewat pendamping.';
	await admin.getByLabel('Isi pembaruan').fill(text);
	await admin.getByLabel('Tanggal berlaku').fill('2026-12-10');
	await admin.getByRole('button', { name: 'Simpan pembaruan' }).click();
	await expect(admin.getByText('Pembaruan disimpan dan sudah tampil di pelajaran.')).toBeVisible();
	await expectNoAxeViolations(admin);
	await admin.screenshot({ path: 'test-results/admin-lesson-notice.png', fullPage: true });

	// A learner opening the lesson now sees it: at once from the process that saved it, and
	// within the notices' refresh time from any other server process.
	// Each try is a learner opening it for the first time: a phone that already keeps the lesson
	// (its service worker) shows a notice only once its copy is refreshed (see the README).
	let learner = await (await browser.newContext()).newPage();
	const noticeOn = (page: typeof learner) =>
		page.getByRole('complementary', { name: 'Pembaruan 10 Desember 2026' });
	await expect(async () => {
		await learner.context().close();
		learner = await (await browser.newContext()).newPage();
		await learner.goto(LESSON);
		await expect(noticeOn(learner)).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 30_000 });
	const notice = noticeOn(learner);
	// Shown as text, never as markup.
	await expect(notice).toContainText(text);
	await expectNoAxeViolations(learner);
	await learner.screenshot({ path: 'test-results/lesson-notice.png' });

	await admin.getByRole('button', { name: 'Hapus pembaruan' }).click();
	await expect(admin.getByText('Pembaruan dihapus dari pelajaran.')).toBeVisible();
	let later = await (await browser.newContext()).newPage();
	await expect(async () => {
		await later.context().close();
		later = await (await browser.newContext()).newPage();
		await later.goto(LESSON);
		await expect(later.getByText('Diperbarui 7 Desember 2026')).toBeVisible({ timeout: 1000 });
		await expect(later.getByText('BPJPH membuka kuota SEHATI', { exact: false })).toHaveCount(0);
	}).toPass({ timeout: 30_000 });
});

test('a batik maker is asked for the craft route, not for SPP-IRT or halal', async ({ page }) => {
	await register(page, { name: 'Bu Wati', contact: uniquePhone(), password: 'batik sekar jati' });
	await page.getByLabel('Nama usaha').fill('Batik Sekar Jati');
	await page.getByLabel('Kecamatan').selectOption('Kasiman');
	await page.getByLabel('Kerajinan (batik, kayu jati, anyaman, dan lain-lain)').check();
	await page.getByRole('button', { name: 'Simpan', exact: true }).click();
	await expect(page.getByText('Tersimpan.')).toBeVisible();
	await page.reload();
	await expect(
		page.getByLabel('Kerajinan (batik, kayu jati, anyaman, dan lain-lain)')
	).toBeChecked();
	await expectNoAxeViolations(page);
});
