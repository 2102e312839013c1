import { and, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataDir } from '$lib/server/data-dir';
import { db, table } from '$lib/server/db';
import { cleanText } from '$lib/server/text';
import { claimedType, sniffImage } from './image-type';

/** Phone cameras make 2–4 MB photos; more than this is not a photo of a label. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export type EvidenceError =
	| 'file_missing'
	| 'file_too_big'
	| 'file_not_image'
	| 'file_type_mismatch'
	| 'link_invalid'
	| 'text_invalid';

type Key = { businessId: string; tier: string; item: string };

/** Checks a photo completely before anything touches the disk or the database. */
export async function savePhoto(key: Key, file: File | null): Promise<EvidenceError | null> {
	if (!file || file.size === 0) return 'file_missing';
	if (file.size > MAX_PHOTO_BYTES) return 'file_too_big';
	const bytes = new Uint8Array(await file.arrayBuffer());
	const type = sniffImage(bytes);
	if (!type) return 'file_not_image';
	const claimed = claimedType(file.name);
	if (claimed && claimed !== type.mime) return 'file_type_mismatch';

	// A random name: nothing the uploader chose reaches the file system.
	const name = `${randomBytes(16).toString('hex')}.${type.ext}`;
	const path = join(dataDir('uploads'), name);
	await writeFile(path, bytes, { mode: 0o600 });
	try {
		const previous = await findEvidence(key);
		await upsert(key, 'photo', name, type.mime);
		if (previous?.kind === 'photo')
			await unlink(join(dataDir('uploads'), previous.value)).catch(() => {});
	} catch (e) {
		await unlink(path).catch(() => {});
		throw e;
	}
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

async function upsert(
	key: Key,
	kind: 'photo' | 'link' | 'text',
	value: string,
	mimeType: string | null
) {
	const updatedAt = new Date();
	await db
		.insert(table.evidence)
		.values({ ...key, kind, value, mimeType, updatedAt })
		.onConflictDoUpdate({
			target: [table.evidence.businessId, table.evidence.tier, table.evidence.item],
			set: { kind, value, mimeType, updatedAt }
		});
}

export async function findEvidence(key: Key) {
	const [row] = await db
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
