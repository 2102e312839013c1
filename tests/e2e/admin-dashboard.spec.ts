import { createClient } from '@libsql/client';
import { expect, test, type Browser } from '@playwright/test';
import { ADMIN, expectNoAxeViolations, login, register } from './helpers';

// Kecamatan no other spec uses, so the numbers below are this spec's alone.
const PEOPLE = [
	{
		name: 'Bu Narti Kedewan',
		kecamatan: 'Kedewan',
		business: 'Keripik Narti',
		phone: '085711110001'
	},
	{
		name: 'Pak Jarwo Ngambon',
		kecamatan: 'Ngambon',
		business: 'Gula Aren Jarwo',
		phone: '085711110002'
	},
	{ name: 'Bu Sumi Ngambon', kecamatan: 'Ngambon', business: 'Tempe Sumi', phone: '085711110003' }
];
const PASSWORD = 'jagung manis bojonegoro';

async function learnerWithBusiness(browser: Browser, person: (typeof PEOPLE)[number]) {
	const page = await (await browser.newContext()).newPage();
	await register(page, { name: person.name, contact: person.phone, password: PASSWORD });
	await page.getByLabel('Nama usaha').fill(person.business);
	await page.getByLabel('Kecamatan').selectOption(person.kecamatan);
	await page.getByRole('button', { name: 'Simpan', exact: true }).click();
	await expect(page.getByText('Tersimpan.')).toBeVisible();
	return page;
}

/** The first tier's badge for a business, written into the e2e server's database. */
async function awardFirstTier(businessName: string) {
	const db = createClient({ url: 'file:.e2e/e2e.db' });
	try {
		const found = await db.execute({
			sql: 'select id, owner_id, name from business where name = ?',
			args: [businessName]
		});
		const biz = found.rows[0];
		await db.execute({
			sql: `insert into badge (id, kind, achievement, holder_key, user_id, business_id, name,
				holder_name, business_name, awarded_at, credential)
				values (?, 'tier', 'rintisan', ?, ?, ?, 'Rintisan Tertata', 'Bu Narti Kedewan', ?, ?, '{}')`,
			args: [crypto.randomUUID(), `business:${biz.id}`, biz.owner_id, biz.id, biz.name, Date.now()]
		});
	} finally {
		db.close();
	}
}

test('the admin dashboard charts businesses per tier and kecamatan, and the filter narrows it', async ({
	browser
}) => {
	test.setTimeout(90_000);
	for (const person of PEOPLE) await (await learnerWithBusiness(browser, person)).close();
	await awardFirstTier('Keripik Narti');

	const page = await (await browser.newContext()).newPage();
	await login(page, ADMIN.contact, ADMIN.password);
	await page.goto('/admin');
	await expect(page.getByRole('heading', { name: 'Dasbor PKK' })).toBeVisible();

	const chart = page.getByRole('img', { name: /jumlah usaha per tingkat/ });
	await expect(chart).toBeVisible();
	const kedewan = chart.locator('g[data-kecamatan="Kedewan"]');
	const ngambon = chart.locator('g[data-kecamatan="Ngambon"]');
	await expect(kedewan).toContainText('Kedewan · 1 usaha');
	await expect(kedewan.locator('rect[data-level="1"]')).toHaveAttribute('data-count', '1');
	await expect(ngambon).toContainText('Ngambon · 2 usaha');
	await expect(ngambon.locator('rect[data-level="0"]')).toHaveAttribute('data-count', '2');
	// The bars are drawn to scale: Ngambon's two businesses make the longer bar.
	const width = async (bar: typeof kedewan) =>
		(await bar.locator('rect').first().boundingBox())!.width;
	expect(await width(ngambon)).toBeGreaterThan((await width(kedewan)) * 1.5);
	// The same numbers in the table.
	const row = page.getByRole('row', { name: /^Kedewan/ });
	await expect(row.getByRole('cell')).toHaveText(['0', '1', '0', '0', '1']);
	await expectNoAxeViolations(page);

	// The filter is an ordinary form: choose a kecamatan, and the chart shows only it.
	await page.getByLabel('Kecamatan', { exact: true }).selectOption('Kedewan');
	await page.getByRole('button', { name: 'Tampilkan' }).click();
	await expect(page).toHaveURL(/\/admin\?kecamatan=Kedewan/);
	await expect(page.getByText('Menampilkan: Kedewan')).toBeVisible();
	await expect(chart.locator('g[data-kecamatan]')).toHaveCount(1);
	await expect(kedewan).toBeVisible();
	await expect(ngambon).toHaveCount(0);
	// Kedewan's one badge, in this month's bar (months count in WIB, UTC+7).
	const thisMonth = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
	await expect(
		page
			.getByRole('img', { name: /lencana yang diberikan/ })
			.locator(`g[data-month="${thisMonth}"]`)
	).toHaveAttribute('data-count', '1');
	await expectNoAxeViolations(page);

	// The CSV has the same, filtered numbers.
	const link = page.getByRole('link', { name: 'Unduh angka ini (CSV untuk Excel)' });
	await expect(link).toHaveAttribute('href', '/admin/dashboard.csv?kecamatan=Kedewan');
	const csv = await (await page.request.get('/admin/dashboard.csv?kecamatan=Kedewan')).text();
	expect(csv).toContain('Usaha per tingkat dan kecamatan;Kedewan;Rintisan Tertata;1');
	expect(csv).not.toContain(';Ngambon;');
});

test('a disabled learner is signed out at once and told why at the login page; re-enabled, they are back', async ({
	browser
}) => {
	const learner = { name: 'Mbak Rini Dander', phone: '085711110004' };
	const learnerPage = await (await browser.newContext()).newPage();
	await register(learnerPage, { name: learner.name, contact: learner.phone, password: PASSWORD });
	await expect(learnerPage.getByText(learner.name)).toBeVisible();

	const admin = await (await browser.newContext()).newPage();
	await login(admin, ADMIN.contact, ADMIN.password);
	await admin.goto('/admin/users?q=Rini');
	await expect(admin.getByText('Belum pernah masuk')).toHaveCount(0); // she has signed in
	await admin.getByRole('button', { name: `Nonaktifkan akun ${learner.name}` }).click();
	// One tap only asks; the second step disables.
	await expect(
		admin.getByText(`Nonaktifkan akun ${learner.name}? Ia tidak bisa masuk lagi`)
	).toBeVisible();
	await expect(admin.getByRole('button', { name: 'Ya, nonaktifkan' })).toBeFocused();
	await expectNoAxeViolations(admin);
	await admin.getByRole('button', { name: 'Ya, nonaktifkan' }).click();
	await expect(
		admin.getByText(`Akun ${learner.name} dinonaktifkan. Semua sesi masuknya sudah diakhiri.`)
	).toBeVisible();
	await expectNoAxeViolations(admin);

	// Her open session is gone: the next page asks her to sign in, and signing in says why not.
	await learnerPage.goto('/account');
	await expect(learnerPage).toHaveURL(/\/login/);
	await login(learnerPage, learner.phone, PASSWORD, false);
	await expect(learnerPage.getByRole('alert')).toHaveText(/Akun ini dinonaktifkan oleh admin/);

	await admin.getByRole('button', { name: `Aktifkan lagi akun ${learner.name}` }).click();
	await expect(admin.getByText(`Akun ${learner.name} aktif lagi.`, { exact: false })).toBeVisible();
	await login(learnerPage, learner.phone, PASSWORD, false);
	await expect(learnerPage).toHaveURL(/\/account/);
});
