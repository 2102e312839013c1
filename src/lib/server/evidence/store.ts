import { and, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataDir } from '$lib/server/data-dir';
import { db, table } from '$lib/server/db';
import { cleanText } from '$lib/server/text';
import { claimedType, sniffImage } from './image-type';
import { MAX_PHOTO_BYTES, reencodePhoto } from './photo';

export { MAX_PHOTO_BYTES } from './photo';

export type EvidenceError =
	| 'file_missing'
	| 'file_too_big'
	| 'file_not_image'
	| 'file_type_mismatch'
	| 'file_dimensions'
	| 'no_business'
	| 'link_invalid'
	| 'text_invalid';

type Key = { businessId: string; tier: string; item: string };

/**
 * Checks a photo completely, stores a re-encoded copy (no metadata, at most 1600 px) and only
 * then points the evidence at it. Two uploads for one item at once, or an upload beside the
 * account's deletion, leave no file that no row names: the row is swapped in one transaction
 * that says which file it replaced, and that file (or ours, when the business is gone) is removed.
 */
export async function savePhoto(key: Key, file: File | null): Promise<EvidenceError | null> {
	if (!file || file.size === 0) return 'file_missing';
	if (file.size > MAX_PHOTO_BYTES) return 'file_too_big';
	const bytes = new Uint8Array(await file.arrayBuffer());
	const type = sniffImage(bytes);
	if (!type) return 'file_not_image';
	const claimed = claimedType(file.name);
	if (claimed && claimed !== type.mime) return 'file_type_mismatch';
	const photo = await reencodePhoto(bytes);
	if ('refused' in photo) return photo.refused;

	// A random name: nothing the uploader chose reaches the file system.
	const name = `${randomBytes(16).toString('hex')}.jpg`;
	const path = join(dataDir('uploads'), name);
	await writeFile(path, photo.ok, { mode: 0o600 });
	let replaced: string | null = null;
	try {
		const kept = await db.transaction(async (tx) => {
			const [business] = await tx
				.select({ id: table.business.id })
				.from(table.business)
				.where(eq(table.business.id, key.businessId));
			if (!business) return false;
			const previous = await findEvidence(key, tx);
			await upsert(key, 'photo', name, 'image/jpeg', tx);
			if (previous?.kind === 'photo') replaced = previous.value;
			return true;
		});
		if (!kept) {
			await unlink(path).catch(() => {});
			return 'no_business';
		}
	} catch (e) {
		await unlink(path).catch(() => {});
		throw e;
	}
	const old = replaced && photoPath(replaced);
	if (old) await unlink(old).catch(() => {});
	return null;
}

export async function saveLink(key: Key, input: string): Promise<EvidenceError | null> {
	const text = input.trim();
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return 'link_invalid';
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'link_invalid';
	if (text.length > 500) return 'link_invalid';
	await upsert(key, 'link', url.toString(), null);
	return null;
}

export async function saveText(key: Key, input: string): Promise<EvidenceError | null> {
	const text = cleanText(input);
	if (!text || text.length > 120) return 'text_invalid';
	await upsert(key, 'text', text, null);
	return null;
}

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

async function upsert(
	key: Key,
	kind: 'photo' | 'link' | 'text',
	value: string,
	mimeType: string | null,
	on: typeof db | Tx = db
) {
	const updatedAt = new Date();
	await on
		.insert(table.evidence)
		.values({ ...key, kind, value, mimeType, updatedAt })
		.onConflictDoUpdate({
			target: [table.evidence.businessId, table.evidence.tier, table.evidence.item],
			set: { kind, value, mimeType, updatedAt }
		});
}

export async function findEvidence(key: Key, on: typeof db | Tx = db) {
	const [row] = await on
		.select()
		.from(table.evidence)
		.where(
			and(
				eq(table.evidence.businessId, key.businessId),
				eq(table.evidence.tier, key.tier),
				eq(table.evidence.item, key.item)
			)
		);
	return row ?? null;
}

export async function evidenceFor(businessId: string) {
	return db.select().from(table.evidence).where(eq(table.evidence.businessId, businessId));
}

export function photoPath(name: string) {
	// Names are ours (hex + extension); refuse anything else outright.
	if (!/^[0-9a-f]{32}\.(jpg|png|webp)$/.test(name)) return null;
	return join(dataDir('uploads'), name);
}
