import { expect, test } from '@playwright/test';
import { ADMIN, login, register, uniquePhone } from './helpers';

// What a learner types is shown as text wherever it appears, never run as markup.
const HOSTILE = {
	name: '<img src=x onerror="window.__xss=1">Sri',
	business: '</textarea><script>window.__xss=2</script>Ledre',
	products: '"><svg onload="window.__xss=3">keripik',
	desa: "'; DROP TABLE business; --"
};

test('names and business details with markup in them are shown as plain text', async ({
	page,
	browser
}) => {
	await register(page, { name: HOSTILE.name, contact: uniquePhone(), password: 'ledre pisang 7' });
	await page.getByLabel('Nama usaha').fill(HOSTILE.business);
	await page.getByLabel('Jenis produk').fill(HOSTILE.products);
	await page.getByLabel('Kecamatan').selectOption('Padangan');
	await page.getByLabel('Desa/kelurahan').fill(HOSTILE.desa);
	await page.getByRole('button', { name: 'Simpan', exact: true }).click();
	await expect(page.getByText('Tersimpan.')).toBeVisible();

	// Reloaded from the server: the text is there, as text, and nothing ran.
	await page.goto('/account');
	await expect(page.getByText(HOSTILE.name)).toBeVisible();
	await expect(page.getByLabel('Nama usaha')).toHaveValue(HOSTILE.business);
	await expect(page.getByLabel('Jenis produk')).toHaveValue(HOSTILE.products);
	await expect(page.getByLabel('Desa/kelurahan')).toHaveValue(HOSTILE.desa);
	expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
	await expect(page.locator('img[src="x"], main svg[onload], main script')).toHaveCount(0);

	// The admin's user list shows the same name as text too.
	const admin = await (await browser.newContext()).newPage();
	await login(admin, ADMIN.contact, ADMIN.password);
	await admin.goto(`/admin/users?q=${encodeURIComponent('onerror')}`);
	await expect(admin.getByText(HOSTILE.name).first()).toBeVisible();
	expect(await admin.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
	await expect(admin.locator('img[src="x"]')).toHaveCount(0);
});
