// Data Integrity proof (`DataIntegrityProof`, cryptosuite `eddsa-rdfc-2022`): the
// credential is canonicalized as RDF (RDFC-1.0), hashed and signed with Ed25519, so any
// conforming VC 2.0 verifier can check it with the published Multikey.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createDocumentLoader, MULTIKEY_CONTEXT } from './document-loader';
import { keyUrlForIssuer } from './ids';
import type { IssuerKey } from './issuer-key';

function issuerIdOf(credential: Record<string, unknown>) {
	const issuer = credential.issuer;
	const id = typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id;
	if (typeof id !== 'string') throw new Error('credential has no issuer id');
	return id;
}

/**
 * 1EdTech's OB 3.0 JSON Schema wants `proof` as an array; @digitalbazaar/vc writes a single
 * proof as an object. Both mean the same to JSON-LD and to every verifier (the proof is not
 * part of what is signed), so credentials signed before this change are served wrapped too.
 */
export function withProofArray<T extends Record<string, unknown>>(credential: T): T {
	const { proof } = credential;
	if (proof === undefined || Array.isArray(proof)) return credential;
	return { ...credential, proof: [proof] };
}

/** Signed credential (embedded proof, as a one-item array). */
export async function signCredential(
	credential: Record<string, unknown>,
	key: IssuerKey
): Promise<Record<string, unknown>> {
	const issuerId = issuerIdOf(credential);
	const pair = await Ed25519Multikey.from({
		'@context': MULTIKEY_CONTEXT,
		type: 'Multikey',
		id: keyUrlForIssuer(issuerId), // becomes proof.verificationMethod
		controller: issuerId,
		publicKeyMultibase: key.publicKeyMultibase,
		secretKeyMultibase: key.secretKeyMultibase
	});
	const suite = new DataIntegrityProof({ signer: pair.signer(), cryptosuite });
	const signed = await vc.issue({
		credential: structuredClone(credential), // the library may add to its input
		suite,
		documentLoader: createDocumentLoader()
	});
	return withProofArray(signed);
}

export type VerifyOptions = {
	/** Revocation is the app's own data, not the signature's: pass it in to have it checked. */
	isRevoked?: (credentialId: string) => boolean | Promise<boolean>;
};

/**
 * Verifies with the published documents only (the DID document; for older badges the
 * issuer profile and key document), as a third party would: the loader knows nothing else,
 * so a proof naming any other key cannot pass.
 */
export async function verifyCredential(
	signed: Record<string, unknown>,
	publicDocs: Record<string, unknown>[],
	options: VerifyOptions = {}
): Promise<{ verified: boolean; error?: string }> {
	try {
		const result = await vc.verifyCredential({
			credential: signed,
			suite: new DataIntegrityProof({ cryptosuite }),
			documentLoader: createDocumentLoader(publicDocs),
			// @digitalbazaar/vc insists on a status checker when credentialStatus is present.
			checkStatus: async () => {
				const id = typeof signed.id === 'string' ? signed.id : '';
				if (options.isRevoked && (await options.isRevoked(id)))
					return { verified: false, error: 'credential revoked' };
				return { verified: true };
			}
		});
		if (result.verified) return { verified: true };
		return { verified: false, error: firstMessage(result) };
	} catch (e) {
		// Malformed input (bad dates, missing issuer…) throws; callers want an answer.
		return { verified: false, error: e instanceof Error ? e.message : String(e) };
	}
}

type Failure = Awaited<ReturnType<typeof vc.verifyCredential>> & {
	statusResult?: { verified: boolean; error?: string };
};

function firstMessage(result: Failure): string {
	if (result.statusResult && !result.statusResult.verified)
		return result.statusResult.error ?? 'status check failed';
	const err = result.error ?? result.results?.find((r) => !r.verified)?.error;
	const nested = (err as { errors?: { message?: string }[] } | undefined)?.errors?.[0]?.message;
	return nested ?? err?.message ?? 'verification failed';
}
