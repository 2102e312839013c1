// The issuer's Ed25519 signing key: made once, kept, never printed.
// Stored as the Multikey JSON that @digitalbazaar/ed25519-multikey exports, so the
// same text works as the file and as the ISSUER_KEY environment variable.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { MULTIKEY_CONTEXT } from './document-loader';

export type IssuerKey = {
	/** Ed25519 public key, multibase (`z6Mk…`): what the app publishes. */
	readonly publicKeyMultibase: string;
	/** Ed25519 secret key, multibase. Non-enumerable: console.log/JSON.stringify skip it. */
	readonly secretKeyMultibase: string;
};

export const ISSUER_KEY_FILE = 'issuer-key.json';

/**
 * Loads the issuer key from env ISSUER_KEY (the serialized key pair JSON) if set, else
 * from `${dataDir}/issuer-key.json`, creating that file (mode 0600) on first call.
 */
export async function loadIssuerKey(
	dataDir: string,
	env: Record<string, string | undefined> = process.env
): Promise<IssuerKey> {
	const fromEnv = env.ISSUER_KEY?.trim();
	if (fromEnv) return parseIssuerKey(fromEnv, 'ISSUER_KEY');

	const file = join(dataDir, ISSUER_KEY_FILE);
	const existing = await readIfExists(file);
	if (existing !== undefined) return parseIssuerKey(existing, file);

	await mkdir(dataDir, { recursive: true });
	const pair = await Ed25519Multikey.generate();
	const text = JSON.stringify(await serializeKeyPair(pair), null, 2) + '\n';
	try {
		// 'wx' = create only: if another process made the key in the meantime, keep theirs
		// rather than silently replacing a key that may already have signed badges.
		await writeFile(file, text, { mode: 0o600, flag: 'wx' });
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
	}
	return parseIssuerKey(await readFile(file, 'utf8'), file);
}

/** The JSON stored in the key file / ISSUER_KEY. No id: ids depend on the site's base URL. */
export async function serializeKeyPair(pair: Ed25519Multikey.Ed25519KeyPair) {
	const { publicKeyMultibase, secretKeyMultibase } = await pair.export({
		publicKey: true,
		secretKey: true
	});
	return { '@context': MULTIKEY_CONTEXT, type: 'Multikey', publicKeyMultibase, secretKeyMultibase };
}

async function readIfExists(file: string) {
	try {
		return await readFile(file, 'utf8');
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw e;
	}
}

async function parseIssuerKey(text: string, source: string): Promise<IssuerKey> {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		// Not the parser's message: recent V8 quotes the offending text, i.e. the secret.
		throw new Error(`issuer key in ${source} is not valid JSON`);
	}
	const { publicKeyMultibase, secretKeyMultibase } = (json ?? {}) as Record<string, unknown>;
	if (typeof publicKeyMultibase !== 'string' || typeof secretKeyMultibase !== 'string')
		throw new Error(`issuer key in ${source} needs publicKeyMultibase and secretKeyMultibase`);

	// The library does not check that the two halves belong together; a mismatch would
	// only show up as badges nobody can verify, so prove it now with a test signature.
	try {
		const pair = await Ed25519Multikey.from({
			'@context': MULTIKEY_CONTEXT,
			type: 'Multikey',
			publicKeyMultibase,
			secretKeyMultibase
		});
		const data = new TextEncoder().encode('naik-kelas issuer key check');
		const signature = await pair.signer().sign({ data });
		if (!(await pair.verifier().verify({ data, signature }))) throw new Error('mismatch');
	} catch {
		throw new Error(`issuer key in ${source} is not a valid Ed25519 key pair`);
	}

	const key = { publicKeyMultibase } as IssuerKey;
	Object.defineProperty(key, 'secretKeyMultibase', {
		value: secretKeyMultibase,
		enumerable: false
	});
	return Object.freeze(key);
}
