import { createClient, type Client } from '@libsql/client';
import { readdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import {
	ADMIN,
	BASE,
	answerQuiz,
	expectNoAxeViolations,
	login,
	quizOf,
	register,
	uniquePhone
} from './helpers';

// Issue 27: a tier badge certifies only what holds when it is given. The review page shows what
// changed since the owner sent it and offers only "Kembalikan"; a badge whose basis changes after
// the award is listed for the admin as "Perlu ditinjau ulang". With SHOTS_DIR set, the pages are
// also saved as screenshots there (for people to look at; nothing is compared).

/** The lesson slugs of a course folder, as the server names them (`01-nib-lewat-oss.md`). */
const lessonsOf = (folder: string) =>
	readdirSync(`courses/${folder}`)
		.map((f) => /^\d+-(.+)\.md$/.exec(f)?.[1])
		.filter((slug): slug is string => !!slug);
const LESSONS = lessonsOf('01-manajemen-usaha');
const PASSWORD = 'ledre pisang raja';
const run = String(Date.now()).slice(-6);
let db: Client;

test.beforeAll(() => {
	db = createClient({ url: 'file:.e2e/e2e.db' });
});
test.afterAll(() => db?.close());

async function shot(page: Page, name: string) {
	if (process.env.SHOTS_DIR)
		await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}.png`, fullPage: true });
}

/** A form action posted as the page would without JavaScript, with this page's session. */
const post = (page: Page, path: string, form: Record<string, string>) =>
	page.request.post(path, {
		form,
		headers: { origin: BASE, accept: 'text/html' },
		maxRedirects: 0
	});

async function one(sql: string, ...args: string[]) {
	return (await db.execute({ sql, args })).rows[0];
}

async function trainerWithCohort(browser: Browser, name: string) {
	const page = await (await browser.newContext()).newPage();
	await register(page, { name, contact: uniquePhone(), password: PASSWORD });
	await db.execute({ sql: "update user set role = 'trainer' where name = ?", args: [name] });
	const made = await post(page, '/trainer?/create', {
		name: `Bimtek ${name}`,
		kecamatan: 'Padangan',
		date: '2026-12-07',
		course: 'manajemen-usaha'
	});
	expect(made.status()).toBe(303);
	const cohortId = made.headers().location.split('/').pop()!;
	const code = String((await one('select join_code from cohort where id = ?', cohortId)).join_code);
	return { page, code };
}

/**
 * An owner who has done everything the first tier asks, in the trainer's cohort, and sent it.
 * A batik maker (craft: Siap Komersial asks no SPP-IRT or halal of her) who has her NIB already.
 */
async function readyOwner(browser: Browser, name: string, businessName: string, code: string) {
	const page = await (
		await browser.newContext({ viewport: { width: 360, height: 740 } })
	).newPage();
	await register(page, { name, contact: uniquePhone(), password: PASSWORD });
	const saved = await post(page, '/account?/business', {
		name: businessName,
		kecamatan: 'Padangan',
		products: 'batik tulis Jonegoroan',
		productKind: 'kerajinan',
		nib_has: 'yes',
		nib_number: '9120001234567'
	});
	expect(saved.status()).toBe(200);
	for (const lesson of LESSONS)
		expect((await post(page, `/courses/manajemen-usaha/${lesson}?/complete`, {})).status()).toBe(
			200
		);
	await page.goto('/courses/manajemen-usaha/quiz');
	await answerQuiz(page);
	await page.getByRole('button', { name: 'Kirim jawaban' }).click();
	await expect(page.getByText(/Anda mendapat lencana/)).toBeVisible();
	expect((await post(page, `/join/${code}?/join`, {})).status()).toBe(200);
	const png = new PNG({ width: 2, height: 2 });
	png.data.fill(200);
	const upload = await page.request.post('/account?/evidence', {
		multipart: {
			tier: 'rintisan',
			item: 'buku-kas',
			file: { name: 'buku-kas.png', mimeType: 'image/png', buffer: PNG.sync.write(png) }
		},
		headers: { origin: BASE, accept: 'text/html' }
	});
	expect(upload.status()).toBe(200);
	expect((await post(page, '/account?/review', { tier: 'rintisan' })).status()).toBe(200);
	const user = await one('select id from user where name = ?', name);
	const review = await one(
		'select r.id from tier_review r join business b on b.id = r.business_id where b.owner_id = ?',
		String(user.id)
	);
	const badge = await one(
		"select id from badge where user_id = ? and kind = 'course'",
		String(user.id)
	);
	return { page, reviewId: String(review.id), courseBadge: String(badge.id) };
}

/** One more course finished by the owner: every lesson, then the quiz passed on its page. */
async function finishCourse(page: Page, folder: string) {
	const slug = folder.replace(/^\d+-/, '');
	for (const lesson of lessonsOf(folder))
		expect((await post(page, `/courses/${slug}/${lesson}?/complete`, {})).status()).toBe(200);
	await page.goto(`/courses/${slug}/quiz`);
	await answerQuiz(page, true, quizOf(folder));
	await page.getByRole('button', { name: 'Kirim jawaban' }).click();
	await expect(page.getByText(/Anda mendapat lencana/)).toBeVisible();
}

/**
 * The owner above, holding Rintisan Tertata (endorsed by the trainer), who has then done what
 * Siap Komersial asks of a craft business (its two courses, NIB, a katalog link) and sent it.
 */
async function commercialOwner(
	browser: Browser,
	name: string,
	businessName: string,
	trainer: { page: Page; code: string }
) {
	const owner = await readyOwner(browser, name, businessName, trainer.code);
	const first = await post(trainer.page, `/trainer/reviews/${owner.reviewId}?/decide`, {
		decision: 'endorsed',
		confirm: 'yes',
		note: 'Lengkap.'
	});
	expect(first.status()).toBe(200);
	expect((await one('select status from tier_review where id = ?', owner.reviewId)).status).toBe(
		'endorsed'
	);
	await finishCourse(owner.page, '02-pemasaran-digital');
	await finishCourse(owner.page, '04-legalitas-naik-kelas');
	const link = await post(owner.page, '/account?/evidence', {
		tier: 'siap-komersial',
		item: 'katalog',
		value: 'https://wa.me/c/6281273001234'
	});
	expect(link.status()).toBe(200);
	expect((await post(owner.page, '/account?/review', { tier: 'siap-komersial' })).status()).toBe(
		200
	);
	const user = await one('select id from user where name = ?', name);
	const review = await one(
		"select r.id from tier_review r join business b on b.id = r.business_id where b.owner_id = ? and r.tier = 'siap-komersial'",
		String(user.id)
	);
	return { page: owner.page, reviewId: String(review.id) };
}

test('the review page shows what changed since it was sent and offers only "Kembalikan"', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const trainer = await trainerWithCohort(browser, `Tutik Pelatih ${run}`);
	const owner = await readyOwner(browser, `Sri Ulas ${run}`, `Ledre Ulas ${run}`, trainer.code);

	// Before the trainer decides, the admin revokes her course badge.
	const admin = await (await browser.newContext()).newPage();
	await login(admin, ADMIN.contact, ADMIN.password);
	await admin.goto(`/verify/${owner.courseBadge}`);
	await admin.getByLabel('Alasan pencabutan').fill('Kuis dikerjakan orang lain.');
	await admin.getByRole('button', { name: 'Cabut lencana' }).click();
	await expect(admin.getByText('Lencana sudah dicabut.')).toBeVisible();

	const page = trainer.page;
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto('/trainer/reviews');
	await expect(
		page
			.getByRole('listitem')
			.filter({ hasText: `Ledre Ulas ${run}` })
			.getByText('Syarat berubah sejak dikirim: hanya bisa dikembalikan')
	).toBeVisible();
	await page.goto(`/trainer/reviews/${owner.reviewId}`);
	await expect(
		page.getByRole('heading', {
			name: 'Belum bisa disahkan: syarat berubah sejak pengajuan dikirim'
		})
	).toBeVisible();
	await expect(
		page.getByText('Lencana kursus "Manajemen Usaha" dicabut: Kuis dikerjakan orang lain.', {
			exact: true
		})
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Sahkan dan beri lencana' })).toHaveCount(0);
	const note = page.getByLabel('Catatan untuk peserta');
	await expect(note).toHaveValue(/^Syarat berubah sejak pengajuan dikirim: Lencana kursus/);
	await expectNoAxeViolations(page);
	await shot(page, 'review-page-changed');

	await page.getByRole('button', { name: 'Kembalikan' }).click();
	await expect(page.getByText('Dikembalikan. Peserta akan melihat catatan Anda.')).toBeVisible();
	expect(
		(
			await one(
				"select count(*) as n from badge where kind = 'tier' and holder_name = ?",
				`Sri Ulas ${run}`
			)
		).n
	).toBe(0);

	// She reads why, on her home page and her account.
	await owner.page.goto('/');
	await expect(
		owner.page.getByText(
			/Pengajuan Rintisan Tertata dikembalikan pada .+: Syarat berubah sejak pengajuan dikirim: Lencana kursus "Manajemen Usaha" dicabut/
		)
	).toBeVisible();
	await owner.page.goto('/account');
	await expect(owner.page.getByText(/Pengajuan Rintisan Tertata dikembalikan pada/)).toBeVisible();
});

test('a badge whose NIB went after the award is listed for the admin, who keeps it with a note', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const trainer = await trainerWithCohort(browser, `Endang Pelatih ${run}`);
	const business = `Batik Tinjau ${run}`;
	// NIB is asked from Siap Komersial on.
	const owner = await commercialOwner(browser, `Sri Tinjau ${run}`, business, trainer);

	// Endorsed without JavaScript: the first press asks, the second awards.
	const noJs = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await login(
		noJs,
		String((await one('select phone from user where name = ?', `Endang Pelatih ${run}`)).phone),
		PASSWORD,
		true,
		{ javaScript: false }
	);
	await noJs.goto(`/trainer/reviews/${owner.reviewId}`);
	await noJs.getByRole('button', { name: 'Sahkan dan beri lencana' }).click();
	await expect(
		noJs.getByRole('heading', { name: `Sahkan Siap Komersial untuk ${business}?` })
	).toBeVisible();
	expect((await one('select status from tier_review where id = ?', owner.reviewId)).status).toBe(
		'submitted'
	);
	await noJs.getByRole('button', { name: 'Ya, sahkan sekarang' }).click();
	await expect(noJs.getByText('Disahkan. Lencana tingkat sudah diberikan.')).toBeVisible();

	// Later she sets her NIB back to "Belum punya".
	await owner.page.goto('/account');
	const nib = owner.page.getByRole('group', { name: 'NIB (Nomor Induk Berusaha)' });
	await nib.getByLabel('Belum punya').check();
	const profile = owner.page.getByRole('region', { name: 'Profil usaha' });
	await profile.getByRole('button', { name: 'Simpan', exact: true }).click();
	await expect(owner.page.getByText('Tersimpan.')).toBeVisible();

	const admin = await (
		await browser.newContext({ viewport: { width: 1366, height: 900 } })
	).newPage();
	await login(admin, ADMIN.contact, ADMIN.password);
	await admin.goto('/admin');
	await admin.getByRole('link', { name: /Perlu ditinjau ulang: \d+ lencana tingkat/ }).click();
	const item = admin.getByRole('listitem').filter({ hasText: business });
	await expect(
		item.getByText('"Punya NIB (Nomor Induk Berusaha) dari OSS" tidak ada lagi di profil usaha')
	).toBeVisible();
	await expectNoAxeViolations(admin);
	await shot(admin, 'admin-recheck-list');

	// Nothing was revoked by itself: the public page still says valid, and what was checked.
	const badgeId = String(
		(
			await one(
				"select id from badge where kind = 'tier' and achievement = 'siap-komersial' and business_name = ?",
				business
			)
		).id
	);
	const visitor = await (
		await browser.newContext({ viewport: { width: 360, height: 740 } })
	).newPage();
	await visitor.goto(`/verify/${badgeId}`);
	await expect(visitor.getByText('Sah', { exact: true })).toBeVisible();
	await expect(
		visitor.getByRole('heading', { name: 'Yang diperiksa saat disahkan' })
	).toBeVisible();
	await expect(visitor.getByText(/^Punya NIB .*Tercatat di profil usaha; diperiksa/)).toBeVisible();
	expect(await visitor.content()).not.toContain('9120001234567');
	await shot(visitor, 'verify-basis');

	await item
		.getByLabel('Catatan atau alasan (dibaca pemilik usaha)')
		.fill('NIB sedang diperbarui di OSS.');
	await item.getByRole('button', { name: 'Pertahankan lencana' }).click();
	await expect(
		admin.getByText('Lencana dipertahankan. Pemilik usaha melihat catatan Anda.')
	).toBeVisible();
	await expect(admin.getByRole('listitem').filter({ hasText: business })).toHaveCount(0);

	await owner.page.goto('/');
	await expect(
		owner.page.getByText(
			/Lencana Siap Komersial tetap berlaku setelah ditinjau ulang \(.+\): NIB sedang diperbarui di OSS\./
		)
	).toBeVisible();
	await shot(owner.page, 'owner-home-kept');
});
