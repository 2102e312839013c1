import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where uploads and the issuer key live, beside the embedded database by default. */
export function dataDir(...parts: string[]) {
	const dir = resolve(process.env.DATA_DIR ?? 'data', ...parts);
	mkdirSync(dir, { recursive: true });
	return dir;
}
