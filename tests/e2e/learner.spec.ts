import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, login, register, uniquePhone, waitForLive, BASE } from './helpers';

test('a learner registers, fills the business profile, finishes a lesson and sees progress', async ({
	page
}) => {
	const phone = uniquePhone();
	const user = { name: 'Sri Wahyuni', contact: phone, password: 'ledre pisang raja' };

	await page.goto('/');
	await expectNoAxeViolations(page);
	await register(page, user);
	await expect(page).toHaveURL(/\/account/);
	await expect(page.getByRole('heading', { name: 'Akun saya' })).toBeVisible();
	// The phone number is shown the way it is written, whatever the learner typed.
	await expect(page.getByText(/Kontak: 0857-/)).toBeVisible();

	// Business profile: a document marked "Sudah punya" needs its number.
	await page.getByLabel('Nama usaha').fill('Ledre Bu Sri');
	await page.getByLabel('Jenis produk').fill('ledre pisang, ledre cokelat');
	await page.getByLabel('Kecamatan').selectOption('Padangan');
	await page.getByLabel('Desa/kelurahan').fill('Kuncen');
	const nib = page.getByRole('group', { name: 'NIB (Nomor Induk Berusaha)' });
	await nib.getByLabel('Sudah punya').check();
	await page.getByRole('button', { name: 'Simpan', exact: true }).click();
	await expect(page.getByText('Tulis nomornya, atau pilih “Belum punya”.')).toBeVisible();
	await nib.getByLabel('Nomor NIB (Nomor Induk Berusaha)').fill('9120001234567');
	await page.getByRole('button', { name: 'Simpan', exact: true }).click();
	await expect(page.getByText('Tersimpan.')).toBeVisible();
	await expectNoAxeViolations(page);

	// Saved on the server: a reload shows the same profile.
	await page.reload();
	await expect(page.getByLabel('Nama usaha')).toHaveValue('Ledre Bu Sri');
	await expect(page.getByLabel('Kecamatan')).toHaveValue('Padangan');
	await expect(nib.getByLabel('Nomor NIB (Nomor Induk Berusaha)')).toHaveValue('9120001234567');
	const halal = page.getByRole('group', { name: 'Sertifikat halal' });
	await expect(halal.getByLabel('Belum punya')).toBeChecked();

	// The course page shows progress as a bar.
	await page.goto('/courses/manajemen-usaha');
	const bar = page.getByRole('progressbar', { name: 'Kemajuan kursus' });
	await expect(bar).toHaveAttribute('aria-valuenow', '0');
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Mulai belajar' }).click();
	await expect(page).toHaveURL(/\/courses\/manajemen-usaha\/pisahkan-uang-usaha$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Pisahkan uang usaha dan uang rumah tangga'
	);
	await expect(page.getByText('Pelajaran 1 dari')).toBeVisible();
	const figure = page.getByRole('img', { name: /dua dompet/i });
	await figure.scrollIntoViewIfNeeded();
	await expect(figure).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Tandai selesai' }).click();
	await expect(page.getByText('Pelajaran ini sudah selesai')).toBeVisible();

	await page.getByRole('link', { name: /^Berikutnya:/ }).click();
	await expect(page).toHaveURL(/\/pembukuan-harian$/);
	await expect(page.getByText('Pelajaran 2 dari')).toBeVisible();

	await page.goto('/courses/manajemen-usaha');
	await expect(bar).toHaveAttribute('aria-valuenow', '1');
	await expect(page.getByText(/^1 dari \d+ pelajaran selesai$/)).toBeVisible();
	await expect(page.getByRole('link', { name: /^Lanjutkan: / })).toBeVisible();

	// Home offers to continue where the learner left off.
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Kursus yang sedang Anda ikuti' })).toBeVisible();
	await expect(page.getByRole('link', { name: /Berikutnya: Pembukuan harian/ })).toBeVisible();

	// Log out, then log back in with the number written another way.
	await page.goto('/logout');
	await page.getByRole('button', { name: 'Ya, keluar' }).click();
	await expect(page.getByRole('link', { name: 'Daftar' }).first()).toBeVisible();
	await login(page, `+62 ${phone.slice(1)}`, user.password);
	await page.goto('/courses/manajemen-usaha');
	await expect(bar).toHaveAttribute('aria-valuenow', '1');
});

test('a wrong password gets a clear Indonesian message', async ({ page }) => {
	await login(page, '0812 0000 9999', 'bukan kata sandi');
	await expect(page.getByRole('alert')).toHaveText('Nomor HP/email atau kata sandi salah.');
	await expect(page.getByLabel('Nomor HP (WhatsApp) atau email')).toHaveValue('0812 0000 9999');
	await expectNoAxeViolations(page);
});

test('bad registration input is explained field by field and creates no account', async ({
	page
}) => {
	await page.goto('/register');
	await expectNoAxeViolations(page);
	await page.getByLabel('Nama lengkap').fill('Budi');
	await page.getByLabel('Nomor HP (WhatsApp) atau email').fill('0812-34');
	await page.getByLabel('Kata sandi', { exact: true }).fill('pendek');
	await page.getByLabel('Ulangi kata sandi').fill('pendek');
	await page.getByRole('button', { name: 'Daftar' }).click();
	await expect(page.getByText('Nomor HP tidak dikenali.')).toBeVisible();
	await expect(page.getByText('Kata sandi minimal 8 huruf atau angka.')).toBeVisible();
	await expect(page.getByLabel('Nomor HP (WhatsApp) atau email')).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expectNoAxeViolations(page);

	// The same number then registers normally: nothing half-written blocked it.
	const phone = uniquePhone();
	await page.getByLabel('Nomor HP (WhatsApp) atau email').fill(phone);
	await page.getByLabel('Kata sandi', { exact: true }).fill('keripik tempe kapas');
	await page.getByLabel('Ulangi kata sandi').fill('keripik tempe kapas');
	await page.getByRole('button', { name: 'Daftar' }).click();
	await expect(page).toHaveURL(/\/account/);

	// Registering the same number again is refused with a way forward.
	await page.goto('/logout');
	await page.getByRole('button', { name: 'Ya, keluar' }).click();
	await page.goto('/register');
	await page.getByLabel('Nama lengkap').fill('Budi lagi');
	await page.getByLabel('Nomor HP (WhatsApp) atau email').fill(phone);
	await page.getByLabel('Kata sandi', { exact: true }).fill('keripik tempe kapas');
	await page.getByLabel('Ulangi kata sandi').fill('keripik tempe kapas');
	await page.getByRole('button', { name: 'Daftar' }).click();
	await expect(
		page.getByText('Nomor atau email ini sudah terdaftar. Silakan masuk.')
	).toBeVisible();
});

test('a forged session cookie is treated as a guest, never an error', async ({ page, context }) => {
	await context.addCookies([{ name: 'nk-session', value: 'forged-token-value', url: BASE }]);
	const response = await page.goto('/account');
	expect(response?.status()).toBe(200);
	await expect(page).toHaveURL(/\/login\?next=%2Faccount/);
	const cookies = await context.cookies();
	expect(cookies.find((c) => c.name === 'nk-session')).toBeUndefined();
});

test('a guest learns without an account, and signing up keeps that progress', async ({ page }) => {
	await page.goto('/courses/manajemen-usaha/pembukuan-harian');
	await expect(page.getByText('Kemajuan disimpan di HP ini.')).toBeVisible();
	// Without JavaScript a guest's click can only lead to the login; wait for the page to be live.
	await waitForLive(page);
	await page.getByRole('button', { name: 'Tandai selesai' }).click();
	await expect(page.getByText('Pelajaran ini sudah selesai')).toBeVisible();
	// still done after a reload: kept on this phone
	await page.reload();
	await expect(page.getByText('Pelajaran ini sudah selesai')).toBeVisible();

	await page.getByRole('link', { name: 'Masuk', exact: true }).last().click();
	await expect(page).toHaveURL(/\/login\?next=/);
	await register(page, {
		name: 'Tamu Baru',
		contact: uniquePhone(),
		password: 'belajar dulu daftar nanti'
	});
	// The device's guest progress now belongs to the account (claimed at the first sync).
	await page.goto('/courses/manajemen-usaha');
	await expect(page.getByRole('progressbar', { name: 'Kemajuan kursus' })).toHaveAttribute(
		'aria-valuenow',
		'1'
	);
});

test('practice questions are graded in the browser with an explanation', async ({ page }) => {
	await page.goto('/courses/manajemen-usaha/pisahkan-uang-usaha');
	const practice = page.getByRole('group').filter({ hasText: 'Cek pemahaman' }).first();
	await practice.getByRole('radio').first().check();
	await practice.getByRole('button', { name: 'Periksa jawaban' }).click();
	await expect(practice.getByText(/(Benar|Belum tepat)/)).toBeVisible();
});

test('English is offered as a second language and the page language follows', async ({ page }) => {
	await page.goto('/courses');
	await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { name: 'Courses', level: 1 })).toBeVisible();
	await expect(page).toHaveURL(/\/courses$/);
	await page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'id');
});

test('health check answers ok', async ({ request }) => {
	const response = await request.get('/api/health');
	expect(response.status()).toBe(200);
	expect(await response.json()).toEqual({ status: 'ok' });
});
