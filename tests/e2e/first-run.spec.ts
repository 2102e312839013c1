import { expect, test } from '@playwright/test';
import { ADMIN, expectNoAxeViolations } from './helpers';

test('the first visit leads to a one-time admin setup, which then disappears', async ({ page }) => {
	await page.goto('/courses');
	await expect(page).toHaveURL(/\/setup$/);
	await expect(page.getByRole('heading', { name: 'Siapkan Naik Kelas' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'id');
	await expectNoAxeViolations(page);

	// A weak password is refused in Indonesian, and the name typed is kept.
	await page.getByLabel('Nama lengkap').fill(ADMIN.name);
	await page.getByLabel('Nomor HP (WhatsApp) atau email').fill(ADMIN.contact);
	await page.getByLabel('Kata sandi', { exact: true }).fill('12345678');
	await page.getByLabel('Ulangi kata sandi').fill('12345678');
	await page.getByRole('button', { name: 'Buat akun admin' }).click();
	await expect(page.getByText('Kata sandi ini terlalu mudah ditebak')).toBeVisible();
	await expect(page.getByLabel('Nama lengkap')).toHaveValue(ADMIN.name);

	await page.getByLabel('Kata sandi', { exact: true }).fill(ADMIN.password);
	await page.getByLabel('Ulangi kata sandi').fill(ADMIN.password);
	await page.getByRole('button', { name: 'Buat akun admin' }).click();
	await expect(page).toHaveURL(/\/admin\/users$/);
	await expect(page.getByRole('heading', { name: 'Pengguna' })).toBeVisible();

	const again = await page.request.get('/setup');
	expect(again.status()).toBe(404);
	await page.goto('/courses');
	await expect(page).toHaveURL(/\/courses$/);
});
