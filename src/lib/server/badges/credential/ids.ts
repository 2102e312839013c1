// The public URLs a badge points at. Kept in one place because the signature binds
// them: the proof names `${issuer}/key`, and a verifier finds the key only there.

/** `https://x.example/` and `https://x.example` must give the same ids. */
export function trimBase(baseUrl: string) {
	return baseUrl.replace(/\/+$/, '');
}

export const issuerUrl = (baseUrl: string) => `${trimBase(baseUrl)}/issuer`;

/** The verification method id is derived from the issuer id, so signing needs only the credential. */
export const keyUrlForIssuer = (issuerId: string) => `${issuerId}/key`;

export const keyUrl = (baseUrl: string) => keyUrlForIssuer(issuerUrl(baseUrl));
