import { dataDir } from '$lib/server/data-dir';
import { buildCredential, signCredential, type CredentialInput } from './credential';
import { loadIssuerKey, type IssuerKey } from './credential/issuer-key';

let key: Promise<IssuerKey> | undefined;

/** The issuer key, made at first use and kept in the data directory (or from ISSUER_KEY). */
export function issuerKey() {
	key ??= loadIssuerKey(dataDir());
	return key;
}

/** A signed Open Badges 3.0 credential for one award. */
export async function issueCredential(input: CredentialInput) {
	const k = await issuerKey();
	return signCredential(buildCredential(input, k), k);
}
