/** The image types we accept, recognised from the file's first bytes, never from its name. */
export type ImageType = {
	mime: 'image/jpeg' | 'image/png' | 'image/webp';
	ext: 'jpg' | 'png' | 'webp';
};

export function sniffImage(bytes: Uint8Array): ImageType | null {
	const at = (i: number, ...values: number[]) => values.every((v, k) => bytes[i + k] === v);
	if (at(0, 0xff, 0xd8, 0xff)) return { mime: 'image/jpeg', ext: 'jpg' };
	if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))
		return { mime: 'image/png', ext: 'png' };
	// RIFF....WEBP
	if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50))
		return { mime: 'image/webp', ext: 'webp' };
	return null;
}

const BY_EXTENSION: Record<string, ImageType['mime']> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp'
};

/** The type a file name claims, or null when the name has no image extension we know. */
export function claimedType(fileName: string): ImageType['mime'] | null {
	const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
	return ext ? (BY_EXTENSION[ext] ?? null) : null;
}
