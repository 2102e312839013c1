// W3C Bitstring Status List (https://www.w3.org/TR/vc-bitstring-status-list/): one bit per
// badge, set when the badge is revoked, published as a signed credential. This is the status
// the DCC verifier (VerifierPlus, Learner Credential Wallet) checks; it ignores the older
// `1EdTechRevocationList`, which stays for badges issued before.
import { gzipSync } from 'node:zlib';
import { VC_V2_CONTEXT } from './document-loader';
import { issuerDid, statusListUrl } from './ids';

/**
 * 131,072 entries: the spec's minimum size (16 KB), so one bit says nothing about how many
 * badges exist. Indexes are handed out at random (herd privacy, as the spec recommends).
 */
export const STATUS_LIST_LENGTH = 131_072;

/** The status entry a credential carries. `statusListIndex` is a string, as the spec says. */
export function statusEntry(baseUrl: string, index: number) {
	const list = statusListUrl(baseUrl);
	return {
		id: `${list}#${index}`,
		type: 'BitstringStatusListEntry',
		statusPurpose: 'revocation',
		statusListIndex: String(index),
		statusListCredential: list
	};
}

/** GZIP-compressed, base64url (no padding), multibase `u` prefix; bit 0 is the left-most. */
export function encodeStatusList(setIndexes: Iterable<number>, length = STATUS_LIST_LENGTH) {
	const bytes = new Uint8Array(length / 8);
	for (const i of setIndexes) {
		if (!Number.isInteger(i) || i < 0 || i >= length) continue;
		bytes[i >> 3] |= 0x80 >> (i & 7);
	}
	return 'u' + gzipSync(bytes).toString('base64url');
}

/** The unsigned BitstringStatusListCredential for the revoked indexes. */
export function statusListCredential(baseUrl: string, revoked: Iterable<number>, now: Date) {
	const id = statusListUrl(baseUrl);
	return {
		'@context': [VC_V2_CONTEXT],
		id,
		type: ['VerifiableCredential', 'BitstringStatusListCredential'],
		issuer: issuerDid(baseUrl),
		validFrom: now.toISOString(),
		credentialSubject: {
			id: `${id}#list`,
			type: 'BitstringStatusList',
			statusPurpose: 'revocation',
			encodedList: encodeStatusList(revoked)
		}
	};
}
