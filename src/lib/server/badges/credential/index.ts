// Open Badges 3.0 credentials for Naik Kelas: build, sign (Data Integrity
// eddsa-rdfc-2022, Ed25519) and verify, fully offline.
export {
	buildCredential,
	buildEndorsement,
	didDocument,
	identityHash,
	issuerProfile,
	publicKeyDocument,
	ISSUER_NAME
} from './build';
export type { CredentialInput, TierEndorsement } from './build';
export { signCredential, verifyCredential, withProofArray } from './proof';
export type { VerifyOptions } from './proof';
export { loadIssuerKey } from './issuer-key';
export type { IssuerKey } from './issuer-key';
export { credentialUrl, issuerDid, issuerUrl, keyUrl, statusListUrl } from './ids';
export {
	encodeStatusList,
	statusEntry,
	statusListCredential,
	STATUS_LIST_LENGTH
} from './status-list';
export { VC_V2_CONTEXT, OB_V3_CONTEXT } from './document-loader';
