// The public URLs and identifiers a badge points at. Kept in one place because the
// signature binds them: the proof names the key, and a verifier finds the key only there.

/** `https://x.example/` and `https://x.example` must give the same ids. */
export function trimBase(baseUrl: string) {
	return baseUrl.replace(/\/+$/, '');
}

/**
 * The issuer as a `did:web` for the site's host: the form DCC issuer registries list, so a
 * PKK can register it. The port, if any, is percent-encoded (`did:web:localhost%3A4580`),
 * as the did:web method requires. Resolvers fetch `https://<host>/.well-known/did.json`.
 */
export function issuerDid(baseUrl: string) {
	return `did:web:${encodeURIComponent(new URL(trimBase(baseUrl)).host)}`;
}

/** The one verification method in the DID document. */
export const KEY_FRAGMENT = '#key-1';

/** Legacy issuer (badges signed before the did:web issuer): an HTTP Profile URL. */
export const issuerUrl = (baseUrl: string) => `${trimBase(baseUrl)}/issuer`;

/**
 * The verification method id is derived from the issuer id, so signing needs only the
 * credential: `did:web:host#key-1` for a DID, `<profile>/key` for the legacy HTTP issuer.
 */
export const keyUrlForIssuer = (issuerId: string) =>
	issuerId.startsWith('did:') ? `${issuerId}${KEY_FRAGMENT}` : `${issuerId}/key`;

export const keyUrl = (baseUrl: string) => keyUrlForIssuer(issuerUrl(baseUrl));

/** The revocation status list every badge since the did:web issuer points into. */
export const statusListUrl = (baseUrl: string, list = 1) =>
	`${trimBase(baseUrl)}/credentials/status/${list}`;

export const credentialUrl = (baseUrl: string, badgeId: string) =>
	`${trimBase(baseUrl)}/verify/${encodeURIComponent(badgeId)}`;
