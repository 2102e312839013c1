import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { gunzipSync } from 'node:zlib';
import { verifyCredential } from '../../src/lib/server/badges/credential';
import {
	ADMIN,
	answerQuiz,
	expectNoAxeViolations,
	login,
	register,
	uniquePhone,
	BASE
} from './helpers';

const lessons = [
	'pisahkan-uang-usaha',
	'pembukuan-harian',
	'menghitung-hpp',
	'menentukan-harga-jual',
	'stok-arus-kas-dan-kur'
];

async function passQuiz(page: Page) {
	await page.goto('/courses/manajemen-usaha/quiz');
	await answerQuiz(page);
	await page.getByRole('button', { name: 'Kirim jawaban' }).click();
}

test('a learner earns the course badge, a trainer endorses the tier, and anyone can verify both', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const learnerPage = await (
		await browser.newContext({ viewport: { width: 360, height: 740 } })
	).newPage();
	const learner = { name: 'Sri Wahyuni', contact: uniquePhone(), password: 'ledre pisang raja' };
	await register(learnerPage, learner);
	await learnerPage.getByLabel('Nama usaha').fill('Ledre Bu Sri');
	await learnerPage.getByLabel('Kecamatan').selectOption('Padangan');
	const nib = learnerPage.getByRole('group', { name: 'NIB (Nomor Induk Berusaha)' });
	await nib.getByLabel('Sudah punya').check();
	await nib.getByLabel('Nomor NIB (Nomor Induk Berusaha)').fill('9120001234567');
	await learnerPage.getByRole('button', { name: 'Simpan', exact: true }).click();
	await expect(learnerPage.getByText('Tersimpan.')).toBeVisible();

	// The course: every lesson, then the quiz; the badge comes with the pass.
	for (const lesson of lessons) {
		await learnerPage.goto(`/courses/manajemen-usaha/${lesson}`);
		await learnerPage.getByRole('button', { name: 'Tandai selesai' }).click();
		await expect(learnerPage.getByText('Pelajaran ini sudah selesai')).toBeVisible();
	}
	await passQuiz(learnerPage);
	await expect(
		learnerPage.getByText('Selamat! Anda mendapat lencana “Pengelola Usaha Rapi”.')
	).toBeVisible();

	// A trainer with a cohort the learner joins.
	const trainerPage = await (await browser.newContext()).newPage();
	const trainer = {
		name: 'Bu Endang Pelatih',
		contact: uniquePhone(),
		password: 'pelatih bimtek 2026'
	};
	await register(trainerPage, trainer);
	const adminPage = await (await browser.newContext()).newPage();
	await login(adminPage, ADMIN.contact, ADMIN.password);
	await adminPage.goto(`/admin/users?q=${encodeURIComponent(trainer.name)}`);
	await adminPage.getByLabel(`Peran untuk ${trainer.name}`).selectOption('trainer');
	await adminPage.getByRole('button', { name: 'Ubah peran' }).click();
	await expect(adminPage.getByText(`Peran ${trainer.name} sekarang: Pelatih.`)).toBeVisible();
	// The admin names the signatory printed on certificates.
	await adminPage.goto('/admin/certificate');
	await adminPage.getByLabel('Nama penanda tangan').fill('Hj. Lusi Wahyuni');
	await adminPage.getByLabel('Jabatan').fill('Ketua TP PKK Kabupaten Bojonegoro');
	await adminPage.getByRole('button', { name: 'Simpan penanda tangan' }).click();
	await expect(adminPage.getByText('Penanda tangan disimpan.')).toBeVisible();

	await trainerPage.goto('/trainer');
	await trainerPage.getByLabel('Nama kelas').fill('Bimtek Padangan Desember');
	await trainerPage.getByLabel('Kecamatan').selectOption('Padangan');
	await trainerPage.getByLabel('Tanggal ke-1').fill('2026-12-07');
	await trainerPage.getByLabel('Manajemen Usaha').check();
	await trainerPage.getByRole('button', { name: 'Buat kelas' }).click();
	await expect(
		trainerPage.getByRole('heading', { name: 'Bimtek Padangan Desember' })
	).toBeVisible();
	const code = (await trainerPage.locator('.join .code').textContent())!.trim();

	await learnerPage.goto(`/join/${code}`);
	await learnerPage.getByRole('button', { name: 'Gabung ke kelas ini' }).click();
	await expect(
		learnerPage.getByText('Anda sudah bergabung ke Bimtek Padangan Desember.')
	).toBeVisible();

	// Tier evidence: the bookkeeping photo, then the request.
	await learnerPage.goto('/account#tingkat');
	await expect(learnerPage.getByText('Menuju: Rintisan Tertata')).toBeVisible();
	await learnerPage
		.getByLabel('Foto untuk: Foto buku kas yang diisi setiap hari selama satu bulan')
		.setInputFiles({
			name: 'buku-kas.png',
			mimeType: 'image/png',
			buffer: readFileSync('static/icons/icon-192.png')
		});
	await learnerPage.getByRole('button', { name: 'Unggah foto' }).first().click();
	const photo = learnerPage.getByRole('link', { name: 'Lihat foto yang diunggah' });
	await expect(photo).toBeVisible();
	const photoPath = (await photo.getAttribute('href'))!;
	// Every photo is stored re-encoded as a JPEG without metadata (src/lib/server/evidence/photo.ts).
	expect((await learnerPage.request.get(photoPath)).headers()['content-type']).toBe('image/jpeg');
	// Private: a signed-out visitor and another learner both get a plain 404.
	const stranger = await (await browser.newContext()).newPage();
	expect((await stranger.request.get(photoPath)).status()).toBe(404);
	await register(stranger, {
		name: 'Tetangga',
		contact: uniquePhone(),
		password: 'ingin tahu saja 9'
	});
	expect((await stranger.request.get(photoPath)).status()).toBe(404);
	await learnerPage.getByRole('button', { name: 'Ajukan penilaian Rintisan Tertata' }).click();
	await expect(
		learnerPage.getByText('Pengajuan Anda sedang menunggu diperiksa pelatih.')
	).toBeVisible();

	await trainerPage.goto('/trainer/reviews');
	await trainerPage.getByRole('link', { name: 'Ledre Bu Sri' }).click();
	await expect(trainerPage.getByRole('img', { name: /Foto bukti: Foto buku kas/ })).toBeVisible();
	await expectNoAxeViolations(trainerPage);
	await trainerPage.getByLabel('Catatan untuk peserta').fill('Buku kas rapi, lanjutkan.');
	await trainerPage.getByRole('button', { name: 'Sahkan dan beri lencana' }).click();
	// One tap asks first; the badge is given on the second.
	await expect(
		trainerPage.getByRole('heading', { name: 'Sahkan Rintisan Tertata untuk Ledre Bu Sri?' })
	).toBeVisible();
	await trainerPage.getByRole('button', { name: 'Ya, sahkan sekarang' }).click();
	await expect(trainerPage.getByText('Disahkan. Lencana tingkat sudah diberikan.')).toBeVisible();

	await learnerPage.goto('/account');
	await expect(
		learnerPage.getByText('Tingkat usaha Anda sekarang: Rintisan Tertata')
	).toBeVisible();
	// She is told, with the trainer's note.
	await expect(
		learnerPage.getByText(/^Rintisan Tertata disahkan pada .+\. Selamat!$/)
	).toBeVisible();
	await expect(learnerPage.getByText('Catatan pelatih: Buku kas rapi, lanjutkan.')).toBeVisible();
	await expect(learnerPage.getByRole('link', { name: 'Pengelola Usaha Rapi' })).toBeVisible();
	const tierLink = learnerPage.getByRole('link', { name: 'Rintisan Tertata' });
	const verifyPath = (await tierLink.getAttribute('href'))!;

	// Anyone, signed out, can check it.
	const visitor = await (
		await browser.newContext({ viewport: { width: 360, height: 740 } })
	).newPage();
	await visitor.goto(verifyPath);
	await expect(visitor.getByRole('heading', { name: 'Rintisan Tertata' })).toBeVisible();
	await expect(visitor.getByText('Sah', { exact: true })).toBeVisible();
	await expect(visitor.getByText('Ledre Bu Sri')).toBeVisible();
	await expect(visitor.getByText('Sri Wahyuni')).toBeVisible();
	await expectNoAxeViolations(visitor);
	const share = await visitor
		.getByRole('link', { name: 'Bagikan lewat WhatsApp' })
		.getAttribute('href');
	expect(decodeURIComponent(share!)).toContain(`${BASE}${verifyPath}`);

	// The QR code on the page decodes to the page's own address.
	const png = PNG.sync.read(
		await visitor.getByRole('img', { name: 'Kode QR ke halaman ini' }).screenshot()
	);
	const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
	expect(decoded?.data).toBe(`${BASE}${verifyPath}`);

	// Into a digital wallet: the file to download, and a QR the Learner Credential Wallet scans.
	await expect(visitor.getByRole('heading', { name: 'Simpan ke dompet digital' })).toBeVisible();
	const download = visitor.getByRole('link', { name: 'Unduh file lencana (JSON)' });
	const file = await visitor.request.get((await download.getAttribute('href'))!);
	expect(file.headers()['content-disposition']).toMatch(
		/^attachment; filename="lencana-naik-kelas-/
	);
	await visitor.getByText('Tambahkan dengan kode QR').click();
	const walletPng = PNG.sync.read(
		await visitor
			.getByRole('img', { name: 'Kode QR untuk menambahkan lencana ke dompet digital' })
			.screenshot()
	);
	const walletQr = jsQR(new Uint8ClampedArray(walletPng.data), walletPng.width, walletPng.height);
	expect(walletQr?.data).toBe(`${BASE}${verifyPath}.json`);
	expect(await file.json()).toEqual(await (await visitor.request.get(`${verifyPath}.json`)).json());

	// The certificate prints on exactly one A4 page, with the admin's signatory.
	await visitor.goto(`${verifyPath}/certificate`);
	await expect(visitor.getByText('Hj. Lusi Wahyuni')).toBeVisible();
	await expect(visitor.getByText('Ketua TP PKK Kabupaten Bojonegoro')).toBeVisible();
	await visitor.emulateMedia({ media: 'print' });
	const pdf = (await visitor.pdf({ format: 'A4', printBackground: true })).toString('latin1');
	expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);

	// The credential: JSON on request, and it verifies against the keys the site publishes.
	const credential = await (
		await visitor.request.get(verifyPath, { headers: { accept: 'application/json' } })
	).json();
	expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
	const did = await (await visitor.request.get('/.well-known/did.json')).json();
	expect(credential.issuer.id).toBe(did.id);
	expect((await verifyCredential(credential, [did])).verified).toBe(true);
	expect(await (await visitor.request.get(`${verifyPath}.json`)).json()).toEqual(credential);

	// The trainer revokes it; the page and the status say so.
	await trainerPage.goto(verifyPath);
	await trainerPage.getByLabel('Alasan pencabutan').fill('Foto bukti bukan milik usaha ini.');
	await trainerPage.getByRole('button', { name: 'Cabut lencana' }).click();
	await expect(trainerPage.getByText('Lencana sudah dicabut.')).toBeVisible();
	await visitor.goto(verifyPath);
	await expect(visitor.getByText('Dicabut', { exact: true })).toBeVisible();
	const status = await (await visitor.request.get(`${verifyPath}/status`)).json();
	expect(status.revokedCredentials).toHaveLength(1);
	// …and so does the Bitstring Status List the DCC verifier and wallet read (signed, by the DID).
	const entry = credential.credentialStatus;
	expect(entry.type).toBe('BitstringStatusListEntry');
	const list = await (
		await visitor.request.get(new URL(entry.statusListCredential).pathname)
	).json();
	expect((await verifyCredential(list, [did])).verified).toBe(true);
	const bits = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
	const index = Number(entry.statusListIndex);
	expect(bits[index >> 3] & (0x80 >> (index & 7))).not.toBe(0);
});

test('unknown or malformed badge ids are a plain 404', async ({ page }) => {
	for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'bukan-id', '..%2F..%2Fetc']) {
		const response = await page.goto(`/verify/${id}`);
		expect(response?.status()).toBe(404);
	}
	await expect(page.getByText('Halaman ini tidak ditemukan.')).toBeVisible();
	expect((await page.request.get('/verify/AAAAAAAAAAAAAAAAAAAAAA.json')).status()).toBe(404);
});

test('a learner cannot see another business’s evidence or open the review queue', async ({
	page
}) => {
	await register(page, {
		name: 'Orang Lain',
		contact: uniquePhone(),
		password: 'bukan pelatih 123'
	});
	expect((await page.goto('/trainer/reviews'))?.status()).toBe(403);
	expect(
		(
			await page.request.get('/evidence/00000000-0000-0000-0000-000000000000/rintisan/buku-kas')
		).status()
	).toBe(404);
});
