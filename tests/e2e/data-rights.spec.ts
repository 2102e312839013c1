import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectNoAxeViolations, login, register, uniquePhone } from './helpers';

const PASSWORD = 'ledre pisang raja';

test('a learner downloads their data as JSON, then deletes the account with their password', async ({
	page
}) => {
	const phone = uniquePhone();
	await register(page, { name: 'Sri Unduh', contact: phone, password: PASSWORD });
	await page.getByLabel('Nama usaha').fill('Ledre Bu Sri');
	await page.getByLabel('Kecamatan').selectOption('Padangan');
	await page.getByRole('button', { name: 'Simpan', exact: true }).click();
	await expect(page.getByText('Tersimpan.')).toBeVisible();

	const section = page.getByRole('region', { name: 'Data pribadi Anda' });
	await expect(section).toBeVisible();
	await expectNoAxeViolations(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		section.getByRole('link', { name: 'Unduh data saya (JSON)' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^naik-kelas-data-saya-\d{4}-\d{2}-\d{2}\.json$/);
	const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
	expect(data.account.name).toBe('Sri Unduh');
	expect(data.business.name).toBe('Ledre Bu Sri');

	await section.getByRole('link', { name: 'Hapus akun saya' }).click();
	await expect(page.getByRole('heading', { name: 'Hapus akun' })).toBeVisible();
	await expect(page.getByText(/dicabut dengan alasan “akun dihapus”/)).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByLabel('Kata sandi Anda').fill('bukan sandinya');
	await page.getByRole('button', { name: 'Hapus akun saya selamanya' }).click();
	await expect(page.getByText('Kata sandi salah.')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByLabel('Kata sandi Anda').fill(PASSWORD);
	await page.getByRole('button', { name: 'Hapus akun saya selamanya' }).click();
	await expect(page.getByRole('heading', { name: 'Akun Anda sudah dihapus' })).toBeVisible();
	await expectNoAxeViolations(page);

	// Signed out, and the account is gone: its password no longer opens anything.
	await page.goto('/account');
	await expect(page).toHaveURL(/\/login/);
	await login(page, phone, PASSWORD, false);
	await expect(page.getByText('Nomor HP/email atau kata sandi salah.')).toBeVisible();
});

test('deleting an account works without JavaScript, and ends the sessions on other devices', async ({
	browser
}) => {
	const phone = uniquePhone();
	const other = await browser.newContext();
	const otherPage = await other.newPage();
	await register(otherPage, { name: 'Sri Dua Perangkat', contact: phone, password: PASSWORD });

	const noJs = await browser.newContext({ javaScriptEnabled: false });
	const page = await noJs.newPage();
	await login(page, phone, PASSWORD, true, { javaScript: false });
	await page.goto('/account/delete');
	await page.getByLabel('Kata sandi Anda').fill(PASSWORD);
	await page.getByRole('button', { name: 'Hapus akun saya selamanya' }).click();
	await expect(page.getByRole('heading', { name: 'Akun Anda sudah dihapus' })).toBeVisible();

	await otherPage.goto('/account');
	await expect(otherPage).toHaveURL(/\/login/);
	await other.close();
	await noJs.close();
});
