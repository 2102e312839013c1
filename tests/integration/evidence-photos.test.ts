import { eq } from 'drizzle-orm';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import { saveBusiness } from '$lib/server/business';
import { db, ensureDatabase, table } from '$lib/server/db';
import { photoPath, savePhoto } from '$lib/server/evidence/store';
import { deleteAccount } from '$lib/server/personal-data/erase';
import { OWNER_TAG, phonePhoto } from '../fixtures/photos';

const uploads = () => join(process.env.DATA_DIR!, 'uploads');
const files = () => (existsSync(uploads()) ? readdirSync(uploads()).sort() : []);
const photoRows = async () =>
	(await db.select().from(table.evidence).where(eq(table.evidence.kind, 'photo')))
		.map((r) => r.value)
		.sort();

let n = 0;
async function owner() {
	n++;
	const r = await registerUser({
		name: `Penjual ${n}`,
		contact: `0812 4444 ${String(1000 + n)}`,
		password: 'ledre pisang raja',
		confirm: 'ledre pisang raja'
	});
	const userId = r.user!.id;
	await saveBusiness(userId, {
		name: `Ledre ${n}`,
		products: 'ledre',
		kecamatan: 'Padangan',
		desa: 'Kuncen',
		nib: null,
		sppIrt: null,
		halal: null,
		bpomMd: null,
		trademark: null
	});
	const [business] = await db
		.select()
		.from(table.business)
		.where(eq(table.business.ownerId, userId));
	return { userId, key: { businessId: business.id, tier: 'rintisan', item: 'buku-kas' } };
}

beforeAll(async () => {
	await ensureDatabase();
});

describe('evidence photos', { timeout: 60_000 }, () => {
	it('are stored re-encoded: no EXIF, no GPS position of the home, at most 1600 px', async () => {
		const { key } = await owner();
		const original = await phonePhoto({ width: 4000, height: 3000 });
		const meta = await sharp(original).metadata();
		// The photo really carries the home's position (GPS IFD pointer 0x8825) and the owner's name.
		expect(meta.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
		expect(original.includes(OWNER_TAG)).toBe(true);

		expect(await savePhoto(key, new File([original], 'buku-kas.jpg'))).toBeNull();
		const [row] = await db
			.select()
			.from(table.evidence)
			.where(eq(table.evidence.businessId, key.businessId));
		const stored = readFileSync(photoPath(row.value)!);
		const after = await sharp(stored).metadata();
		expect(after.format).toBe('jpeg');
		expect(row.mimeType).toBe('image/jpeg');
		expect(after.exif).toBeUndefined();
		expect(after.icc).toBeUndefined();
		expect(stored.includes(OWNER_TAG)).toBe(false);
		expect(stored.includes('Galaxy')).toBe(false);
		expect(Math.max(after.width!, after.height!)).toBe(1600);
		expect(after.width! / after.height!).toBeCloseTo(4 / 3, 2);
		expect(stored.length).toBeLessThan(original.length / 3);
	});

	it('refuse an image that declares absurd dimensions, before decoding it', async () => {
		const { key } = await owner();
		const small = await sharp({
			create: { width: 16, height: 16, channels: 3, background: '#c80' }
		})
			.jpeg()
			.toBuffer();
		// The frame header (SOF0) says 60,000 × 60,000 pixels: 3.6 gigapixels from a 1 KB file.
		const sof = small.indexOf(Buffer.from([0xff, 0xc0]));
		expect(sof).toBeGreaterThan(0);
		const bomb = Buffer.from(small);
		bomb.writeUInt16BE(60000, sof + 5);
		bomb.writeUInt16BE(60000, sof + 7);
		const before = files();
		const started = Date.now();
		expect(await savePhoto(key, new File([bomb], 'label.jpg'))).toBe('file_dimensions');
		expect(Date.now() - started).toBeLessThan(2000);
		expect(files()).toEqual(before);
		// A file cut short after its header is not an image either: a message, not a 500.
		const cut = (await phonePhoto({ width: 800, height: 600 })).subarray(0, 3000);
		expect(await savePhoto(key, new File([cut], 'label.jpg'))).toBe('file_not_image');
		expect(files()).toEqual(before);
	});

	it('sent while another write holds the database leave exactly one file', async () => {
		// As with two server processes: every upload has read the item's row before any writes it.
		const { key } = await owner();
		const photos = await Promise.all(
			[1, 2, 3].map((seed) => phonePhoto({ width: 320, height: 240, seed }))
		);
		const before = files().length;
		let release!: () => void;
		const holding = db.transaction(() => new Promise<void>((done) => (release = done)));
		const uploads = photos.map((p) => savePhoto(key, new File([p], 'kas.jpg')));
		await expect.poll(() => files().length, { interval: 5 }).toBe(before + photos.length);
		for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
		release();
		await holding;
		expect(await Promise.all(uploads)).toEqual([null, null, null]);
		expect(files()).toEqual(await photoRows());
	});

	it('sent while the account is deleted leave no file behind', async () => {
		for (let round = 0; round < 3; round++) {
			const { userId, key } = await owner();
			const photo = await phonePhoto({ width: 640, height: 480, seed: round });
			await Promise.all([
				savePhoto(key, new File([photo], 'kas.jpg')),
				savePhoto(key, new File([photo], 'kas.jpg')),
				deleteAccount(userId)
			]);
			expect(files()).toEqual(await photoRows());
		}
	});
});
