import { expect, test } from '@playwright/test';
import { ADMIN, expectNoAxeViolations, login, register, uniquePhone } from './helpers';

test('an admin makes a learner a trainer; learners cannot reach the admin page', async ({
	browser
}) => {
	const learnerPage = await (await browser.newContext()).newPage();
	const phone = uniquePhone();
	await register(learnerPage, {
		name: 'Pak Slamet Pelatih',
		contact: phone,
		password: 'kayu jati kasiman'
	});
	await expect(learnerPage).toHaveURL(/\/account/);
	const forbidden = await learnerPage.goto('/admin/users');
	expect(forbidden?.status()).toBe(403);
	await expect(learnerPage.getByText('Anda tidak punya akses ke halaman ini.')).toBeVisible();

	const adminPage = await (await browser.newContext()).newPage();
	await login(adminPage, ADMIN.contact, ADMIN.password);
	await adminPage.goto('/admin/users');
	await adminPage.getByLabel('Cari nama, nomor HP atau email').fill('Slamet');
	await adminPage.getByRole('button', { name: 'Cari' }).click();
	await expect(adminPage.getByText('Pak Slamet Pelatih', { exact: true })).toBeVisible();
	// The search narrowed the list: the admin's own entry is not shown.
	await expect(adminPage.getByText(ADMIN.name, { exact: true })).toBeHidden();
	await expectNoAxeViolations(adminPage);
	await adminPage.getByLabel('Peran untuk Pak Slamet Pelatih').selectOption('trainer');
	await adminPage.getByRole('button', { name: 'Ubah peran' }).click();
	await expect(adminPage.getByText('Peran Pak Slamet Pelatih sekarang: Pelatih.')).toBeVisible();

	await learnerPage.goto('/account');
	await expect(learnerPage.getByText('Peran: Pelatih')).toBeVisible();
});

test('anonymous visitors are sent to log in from the account and admin pages', async ({ page }) => {
	await page.goto('/admin/users');
	await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers$/);
	await page.goto('/account');
	await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
});
