import { expect, test, type Page } from '@playwright/test';
import { ADMIN, expectNoAxeViolations, login, uniquePhone, waitForLive } from './helpers';

/** Today in Bojonegoro (WIB), the day the attendance page opens on. */
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

async function newPage(browser: import('@playwright/test').Browser) {
	return (await browser.newContext()).newPage();
}

test('a bimtek from start to finish: cohort, import, join by code, live grid, attendance', async ({
	browser
}) => {
	test.setTimeout(120_000);
	// The admin acts as the trainer here (admins can do everything a trainer can).
	const trainer = await newPage(browser);
	await login(trainer, ADMIN.contact, ADMIN.password);
	await trainer.goto('/trainer');
	await expectNoAxeViolations(trainer);

	// 1. A cohort; a first try without a course keeps what was typed and says what is missing.
	const name = `Bimtek Kemasan ${Date.now()}`;
	await trainer.getByLabel('Nama kelas').fill(name);
	await trainer.getByLabel('Tempat').fill('Balai Desa Sumberrejo');
	await trainer.getByLabel('Kecamatan').selectOption('Sumberrejo');
	await trainer.getByLabel('Tanggal ke-1').fill(today);
	await trainer.getByRole('button', { name: 'Buat kelas' }).click();
	await expect(trainer.getByText('Pilih paling sedikit satu kursus.')).toBeVisible();
	await expect(trainer.getByLabel('Nama kelas')).toHaveValue(name);
	await trainer.getByLabel('Manajemen Usaha').check();
	await trainer.getByRole('button', { name: 'Buat kelas' }).click();
	await expect(trainer.getByRole('heading', { level: 1, name })).toBeVisible();
	await expectNoAxeViolations(trainer);
	const cohortUrl = trainer.url();
	const code = (await trainer.locator('.join .code').textContent())!.trim();
	expect(code).toMatch(/^[A-Z2-9]{6}$/);

	// 2. Three participants pasted from a spreadsheet, and one bad row that creates nothing.
	await trainer.getByRole('link', { name: 'Tambah peserta' }).click();
	const phones = [
		uniquePhone(),
		`0856${String(Date.now() + 1).slice(-8)}`,
		`0856${String(Date.now() + 2).slice(-8)}`
	];
	await trainer
		.getByLabel('Atau tempel isi CSV di sini')
		.fill(
			[
				'nama;hp;usaha;desa',
				`Bu Siti;${phones[0]};Keripik Tempe Siti;Sumberrejo`,
				`Pak Darmo;${phones[1]};Ledre Darmo;Kalitidu`,
				`Mbak Rini;${phones[2]};;`,
				`=cmd;${phones[0]};;`
			].join('\n')
		);
	await trainer.getByRole('button', { name: 'Buat akun peserta' }).click();
	await expect(trainer.getByRole('heading', { name: '3 akun peserta dibuat' })).toBeVisible();
	await expect(trainer.getByRole('heading', { name: '1 baris tidak dibuat' })).toBeVisible();
	await expect(trainer.getByText('Isian diawali =, +, - atau @')).toBeVisible();
	await expect(trainer.locator('.login-card')).toHaveCount(3);
	await expectNoAxeViolations(trainer);
	const siti = trainer.locator('.login-card', { hasText: 'Bu Siti' });
	const oneTime = (await siti.locator('.code').textContent())!.trim();

	// 3. The grid, left open on the projector.
	await trainer.goto(`${cohortUrl}/progress`);
	await expect(trainer.getByRole('rowheader', { name: /Bu Siti/ })).toBeVisible();
	await expectNoAxeViolations(trainer);

	// 4. A newcomer scans the join QR, signs up on the spot and finishes a lesson.
	const newcomer = await newPage(browser);
	await newcomer.goto(`/join/${code.toLowerCase()}`);
	await expect(newcomer.getByRole('heading', { name: `Bergabung ke ${name}` })).toBeVisible();
	await expectNoAxeViolations(newcomer);
	await newcomer.getByLabel('Nama lengkap').fill('Ibu Warsini');
	await newcomer
		.getByLabel('Nomor HP (WhatsApp) atau email')
		.fill(`0858${String(Date.now()).slice(-8)}`);
	await newcomer.getByLabel('Kata sandi', { exact: true }).fill('tahu tempe bojonegoro');
	await newcomer.getByLabel('Ulangi kata sandi').fill('tahu tempe bojonegoro');
	await newcomer.getByRole('button', { name: 'Daftar dan gabung' }).click();
	await expect(newcomer.getByText(`Anda sudah bergabung ke ${name}.`)).toBeVisible();
	await newcomer.goto('/courses/manajemen-usaha/pisahkan-uang-usaha');
	await waitForLive(newcomer);
	await newcomer.getByRole('button', { name: 'Tandai selesai' }).click();
	await expect(newcomer.getByText('Pelajaran ini sudah selesai')).toBeVisible();

	// The grid fills in by itself: no reload.
	const row = trainer.getByRole('row', { name: /Ibu Warsini/ });
	await expect(row).toBeVisible({ timeout: 20_000 });
	await expect(row.getByRole('cell', { name: '1/6' })).toBeVisible({ timeout: 20_000 });
	await expect(row.getByRole('cell', { name: '✓' })).toHaveCount(1);

	// 5. Attendance: the projector shows a code that changes every minute.
	await trainer.goto(`${cohortUrl}/attendance`);
	await expectNoAxeViolations(trainer);
	await trainer.getByRole('link', { name: 'Tampilkan QR absen di proyektor' }).click();
	const checkinCode = (await trainer.locator('.code').textContent())!.trim();
	expect(checkinCode).toMatch(/^[A-Z2-9]{6}$/);
	await expectNoAxeViolations(trainer);

	// Bu Siti signs in with the card's one-time password, must choose her own, then checks in.
	const sitiPage = await newPage(browser);
	await login(sitiPage, phones[0], oneTime.toUpperCase());
	await expect(sitiPage).toHaveURL(/\/account\/password/);
	await sitiPage.getByLabel('Kata sandi baru').fill('keripik tempe enak');
	await sitiPage.getByLabel('Ulangi kata sandi').fill('keripik tempe enak');
	await sitiPage.getByRole('button', { name: 'Simpan kata sandi' }).click();
	await sitiPage.waitForURL((url) => !url.pathname.startsWith('/account/password'));
	await sitiPage.goto(`/checkin?code=${checkinCode}`);
	await expectNoAxeViolations(sitiPage);
	await sitiPage.getByRole('button', { name: 'Saya hadir' }).click();
	await expect(sitiPage.getByText(/Kehadiran Anda di .* sudah tercatat/)).toBeVisible();
	// The card's code does not open the account a second time.
	const again = await newPage(browser);
	await login(again, phones[0], oneTime);
	await expect(again.getByText(/salah/i).first()).toBeVisible();

	await expect(trainer.getByText('Sudah absen: 1')).toBeVisible();
	await trainer.goto(`${cohortUrl}/attendance`);
	await expect(trainer.getByText('Hadir: 1 dari 4')).toBeVisible();
	await expect(trainer.getByRole('checkbox', { name: /Bu Siti/ })).toBeChecked();
	// The trainer ticks Pak Darmo, who has no phone with him.
	await trainer.getByRole('checkbox', { name: /Pak Darmo/ }).check();
	await trainer.getByRole('button', { name: 'Simpan kehadiran' }).click();
	await expect(trainer.getByText('Hadir: 2 dari 4')).toBeVisible();
});

test('the presentation view moves one section at a time with the keyboard', async ({ page }) => {
	await login(page, ADMIN.contact, ADMIN.password);
	await page.goto('/trainer/present/manajemen-usaha/menghitung-hpp');
	await waitForLive(page);
	await expect(page.locator('.present[data-ready]')).toBeAttached();
	const position = page.getByText(/^1 \/ \d+$/);
	await expect(position).toBeVisible();
	const total = Number((await position.textContent())!.split('/')[1]);
	expect(total).toBeGreaterThan(1);
	await expectNoAxeViolations(page);
	const firstH2 = page.locator('.stage h2').first();
	await expect(firstH2).toBeHidden();
	await page.keyboard.press('PageDown');
	await expect(page.getByText(`2 / ${total}`)).toBeVisible();
	// The introduction may take more than one screen; the first section follows it.
	for (let i = 2; i < total && !(await firstH2.isVisible()); i++)
		await page.keyboard.press('PageDown');
	await expect(firstH2).toBeVisible();
	await page.keyboard.press('Home');
	await page.keyboard.press('PageDown');
	await expect(page.getByText(`2 / ${total}`)).toBeVisible();
	await page.keyboard.press('ArrowLeft');
	await expect(page.getByText(`1 / ${total}`)).toBeVisible();
	await page.keyboard.press('End');
	await expect(page.getByText(`${total} / ${total}`)).toBeVisible();

	// The room answers a practice question on the projector: not the trainer's own activity.
	await page.keyboard.press('Home');
	const practice = page.locator('.stage fieldset.practice:visible').first();
	for (let i = 1; i < total && !(await practice.isVisible()); i++)
		await page.keyboard.press('PageDown');
	await practice.getByRole('radio').first().check();
	await practice.getByRole('button', { name: 'Periksa jawaban' }).click();
	await expect(practice.locator('.right, .wrong')).toHaveCount(1);
	const waiting = await page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('naik-kelas');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains('outbox')) return resolve(0);
					const count = db.transaction('outbox').objectStore('outbox').count();
					count.onsuccess = () => resolve(count.result);
				};
			})
	);
	expect(waiting).toBe(0);
});

test('a learner cannot reach the trainer pages; a wrong join code is explained', async ({
	page
}: {
	page: Page;
}) => {
	await page.goto('/register');
	await page.getByLabel('Nama lengkap').fill('Pak Learner');
	await page
		.getByLabel('Nomor HP (WhatsApp) atau email')
		.fill(`0859${String(Date.now()).slice(-8)}`);
	await page.getByLabel('Kata sandi', { exact: true }).fill('kayu jati kasiman');
	await page.getByLabel('Ulangi kata sandi').fill('kayu jati kasiman');
	await page.getByRole('button', { name: 'Daftar' }).click();
	await page.waitForURL(/\/account/);
	const res = await page.goto('/trainer');
	expect(res?.status()).toBe(403);
	await page.goto('/join/ZZZZ22');
	await expect(page.getByText('Kode ZZZZ22 tidak kami kenal.', { exact: false })).toBeVisible();
	await expectNoAxeViolations(page);
});
