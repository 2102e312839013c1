import sharp, { type Metadata } from 'sharp';

/** Phone cameras make 2–4 MB photos; more than this is not a photo of a label. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** The long side of a stored photo: a label or a ledger page still reads, at a tenth of the bytes. */
export const MAX_SIDE_PX = 1600;
/**
 * Refused before decoding: a 48–50 MP phone camera fits, a small file that claims to be
 * 30,000 × 30,000 pixels (a decompression bomb) does not.
 */
export const MAX_INPUT_PIXELS = 50_000_000;

// Nothing kept in memory between uploads; the server has other work.
sharp.cache(false);

export type PhotoRefusal = 'file_not_image' | 'file_dimensions';

/**
 * A new JPEG made from the uploaded image: turned upright, at most `MAX_SIDE_PX` on its long side,
 * with no metadata at all (no EXIF, no GPS position of the owner's home, no camera serial).
 * The header is read first, so an image that declares absurd dimensions is refused undecoded.
 */
export async function reencodePhoto(
	bytes: Uint8Array
): Promise<{ ok: Buffer } | { refused: PhotoRefusal }> {
	let meta: Metadata;
	try {
		meta = await sharp(bytes, { limitInputPixels: false }).metadata();
	} catch {
		return { refused: 'file_not_image' };
	}
	if (!['jpeg', 'png', 'webp'].includes(meta.format ?? '') || !meta.width || !meta.height)
		return { refused: 'file_not_image' };
	if (meta.width * meta.height > MAX_INPUT_PIXELS) return { refused: 'file_dimensions' };
	try {
		const ok = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true })
			.rotate()
			.resize(MAX_SIDE_PX, MAX_SIDE_PX, { fit: 'inside', withoutEnlargement: true })
			.flatten({ background: '#ffffff' })
			.jpeg({ quality: 80, mozjpeg: true })
			.toBuffer();
		return { ok };
	} catch {
		// A truncated or corrupt file: its header read, its pixels do not.
		return { refused: 'file_not_image' };
	}
}
