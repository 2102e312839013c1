import { dataDir } from '$lib/server/data-dir';
import {
	buildCredential,
	buildEndorsement,
	signCredential,
	statusListCredential,
	type CredentialInput
} from './credential';
import { encodeStatusList } from './credential/status-list';
import { loadIssuerKey, type IssuerKey } from './credential/issuer-key';

let key: Promise<IssuerKey> | undefined;

/** The issuer key, made at first use and kept in the data directory (or from ISSUER_KEY). */
export function issuerKey() {
	key ??= loadIssuerKey(dataDir());
	return key;
}

/** A signed Open Badges 3.0 credential for one award (with the signed endorsement inside). */
export async function issueCredential(input: CredentialInput) {
	const k = await issuerKey();
	const endorsement = buildEndorsement(input);
	const signedEndorsement = endorsement ? await signCredential(endorsement, k) : null;
	return signCredential(buildCredential(input, k, signedEndorsement), k);
}

/**
 * The signed status list, re-signed only when a revocation changes it (signing costs a
 * canonicalization; verifiers fetch this on every check). Per process: several instances
 * each sign their own copy, and each copy is valid.
 */
let cached: { key: string; credential: Promise<Record<string, unknown>> } | undefined;

export async function signedStatusList(baseUrl: string, revoked: number[]) {
	const cacheKey = `${baseUrl}\n${encodeStatusList(revoked)}`;
	if (cached?.key !== cacheKey) {
		const k = await issuerKey();
		const credential = signCredential(statusListCredential(baseUrl, revoked, new Date()), k);
		cached = { key: cacheKey, credential };
		credential.catch(() => {
			if (cached?.credential === credential) cached = undefined;
		});
	}
	return cached.credential;
}
