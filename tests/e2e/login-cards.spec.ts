import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { ADMIN, login } from './helpers';
import { pdfPages } from './pdf-text';

/** Today in Bojonegoro (WIB). */
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const squeeze = (text: string) => text.replace(/\s+/g, '');

test('every printed login card shows name, phone, one-time password and note, on A4 from a phone and a laptop', async ({
	page
}) => {
	test.setTimeout(120_000);
	await login(page, ADMIN.contact, ADMIN.password);
	await page.goto('/trainer');
	// The cohort name from the field report: long enough to push the password off a 50 mm card.
	const cohort = 'Bimtek Manajemen Usaha Kapas, Desember 2026';
	await page.getByLabel('Nama kelas').fill(cohort);
	await page.getByLabel('Tempat').fill('Pendopo Kecamatan Kapas, Jalan Raya Bojonegoro–Babat');
	await page.getByLabel('Kecamatan').selectOption('Kapas');
	await page.getByLabel('Tanggal ke-1').fill(today);
	await page.getByLabel('Manajemen Usaha').check();
	await page.getByRole('button', { name: 'Buat kelas' }).click();
	await expect(page.getByRole('heading', { level: 1, name: cohort })).toBeVisible();

	// Short and very long names, as they come from a village's attendance list.
	const stamp = String(Date.now()).slice(-7);
	const names = [
		'Bu Tin',
		'Hj. Siti Nurhayati Rahmawati Kusumaningrum binti Haji Abdul Rahman Wicaksono',
		'Pak Darmo',
		'Sri Wahyuni Ningsih Endang Purwaningsih Rahayu Kartikasari Dewi Lestari Utami',
		'Mbak Rini',
		'Ny. Yuliana',
		'Muhammad Ridwan Setiawan Nugroho Prasetyo Hadi Kusuma Wardhana Putra Jaya',
		'Bu Lastri',
		'Pak Slamet Riyadi',
		'Dewi'
	];
	await page.getByRole('link', { name: 'Tambah peserta' }).click();
	await page
		.getByLabel('Atau tempel isi CSV di sini')
		.fill(
			['nama;hp;usaha;desa', ...names.map((n, i) => `${n};0858${stamp}${i};;Kapas`)].join('\n')
		);
	await page.getByRole('button', { name: 'Buat akun peserta' }).click();
	await expect(page.getByRole('heading', { name: '10 akun peserta dibuat' })).toBeVisible();
	const cards = page.locator('.login-card');
	await expect(cards).toHaveCount(10);
	const shown = await cards.evaluateAll((els) =>
		els.map((el) => ({
			name: el.querySelector('.name')!.textContent!.trim(),
			phone: el.querySelector('.mono')!.textContent!.trim(),
			code: el.querySelector('.code')!.textContent!.trim(),
			note: el.querySelector('.small')!.textContent!.trim()
		}))
	);
	expect(shown.map((c) => c.name)).toEqual(names);

	for (const [device, viewport] of [
		['phone', { width: 360, height: 740 }],
		['laptop', { width: 1366, height: 768 }]
	] as const) {
		await page.setViewportSize(viewport);
		await page.emulateMedia({ media: 'print' });
		// No card cuts off what it holds.
		const clipped = await cards.evaluateAll((els) =>
			els.filter((el) => el.scrollHeight > el.clientHeight + 1).map((el) => el.textContent)
		);
		expect(clipped).toEqual([]);
		await page.emulateMedia({ media: null });

		const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
		// Kept with the test's results, to look at as images (pdftoppm).
		writeFileSync(test.info().outputPath(`login-cards-${device}.pdf`), pdf);
		const text = squeeze(pdfPages(pdf).join('\n'));
		expect(text).toContain(squeeze(cohort));
		// Each card's name is followed, before the next card, by its phone, password and note.
		let from = 0;
		for (const [i, card] of shown.entries()) {
			const at = text.indexOf(squeeze(card.name), from);
			expect(at, `${device}: card ${i + 1} name`).toBeGreaterThanOrEqual(0);
			const next = shown[i + 1] ? text.indexOf(squeeze(shown[i + 1].name), at + 1) : text.length;
			const own = text.slice(at, next === -1 ? text.length : next);
			expect(own, `${device}: card ${i + 1} phone`).toContain(squeeze(card.phone));
			expect(own, `${device}: card ${i + 1} one-time password`).toContain(squeeze(card.code));
			expect(own, `${device}: card ${i + 1} note`).toContain(squeeze(card.note));
			from = at + 1;
		}
	}
});
