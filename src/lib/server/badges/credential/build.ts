// The unsigned documents: the OB 3.0 credential and the two public issuer documents.
// Every property used here is defined by the contexts listed in `@context`: the signer
// canonicalizes in JSON-LD "safe mode", which rejects any term it cannot expand.
import {
	MULTIKEY_CONTEXT,
	OB_EXTENSIONS_CONTEXT,
	OB_V3_CONTEXT,
	VC_V2_CONTEXT
} from './document-loader';
import { issuerUrl, keyUrl, trimBase } from './ids';
import type { IssuerKey } from './issuer-key';

export const ISSUER_NAME = 'TP PKK Kabupaten Bojonegoro — Naik Kelas';

export type CredentialInput = {
	badgeId: string;
	baseUrl: string;
	issuedAt: Date;
	holderName: string;
	businessName?: string;
	achievement: {
		slug: string;
		name: string;
		description: string;
		criteria: string;
		kind: 'course' | 'tier';
	};
	/** What a tier badge was given on, as checked then (names and dates only): OB 3.0 `evidence`. */
	evidence?: { name: string; narrative: string }[];
};

/** The issuer as embedded in each credential (OB 3.0 requires a Profile object there). */
function embeddedIssuer(baseUrl: string) {
	return { id: issuerUrl(baseUrl), type: ['Profile'], name: ISSUER_NAME, url: trimBase(baseUrl) };
}

/**
 * Learners have no DID or e-mail we may publish, so the subject has no `id`; OB 3.0
 * then asks for `identifier` (IdentityObject). `name` is a standard identityType;
 * the business uses the spec's `ext:` escape for extensible enumerations.
 * Plain text (hashed: false) because the name is shown on the public verify page anyway.
 */
function identities(holderName: string, businessName?: string) {
	const identity = (identityType: string, value: string) => ({
		type: 'IdentityObject',
		identityHash: value,
		identityType,
		hashed: false
	});
	const list = [identity('name', holderName)];
	if (businessName) list.push(identity('ext:BusinessName', businessName));
	return list;
}

/** Unsigned OB 3.0 credential JSON (stable key order). */
export function buildCredential(input: CredentialInput, key: IssuerKey): Record<string, unknown> {
	// The key is not embedded; it is taken so callers cannot build for a key they lack.
	void key;
	const base = trimBase(input.baseUrl);
	const { achievement: a } = input;
	const credentialId = `${base}/verify/${encodeURIComponent(input.badgeId)}`;
	const achievementId = `${base}/achievements/${encodeURIComponent(a.slug)}`;
	return {
		'@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, OB_EXTENSIONS_CONTEXT],
		id: credentialId,
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		name: a.name,
		issuer: embeddedIssuer(base),
		validFrom: input.issuedAt.toISOString(),
		credentialSubject: {
			type: ['AchievementSubject'],
			identifier: identities(input.holderName, input.businessName),
			achievement: {
				id: achievementId,
				type: ['Achievement'],
				name: a.name,
				description: a.description,
				criteria: { narrative: a.criteria },
				// A tier sums up several courses and a business check: closer to a certificate.
				achievementType: a.kind === 'tier' ? 'Certificate' : 'Badge',
				image: { id: `${achievementId}.svg`, type: 'Image' }
			}
		},
		...(input.evidence?.length && {
			evidence: input.evidence.map((e) => ({ type: ['Evidence'], ...e }))
		}),
		// 1EdTech Revocation List: this URL answers with the list that says if it is revoked.
		credentialStatus: { id: `${credentialId}/status`, type: '1EdTechRevocationList' }
	};
}

/**
 * Issuer Profile published at `${baseUrl}/issuer`. Verifiers load it as the key's
 * controller and look for the key under `assertionMethod`; neither the VC nor the OB
 * context defines that term, so it is defined inline (same IRI as the security vocab).
 */
export function issuerProfile(baseUrl: string, key: IssuerKey): Record<string, unknown> {
	void key;
	return {
		'@context': [
			VC_V2_CONTEXT,
			OB_V3_CONTEXT,
			{
				assertionMethod: {
					'@id': 'https://w3id.org/security#assertionMethod',
					'@type': '@id',
					'@container': '@set'
				}
			}
		],
		...embeddedIssuer(baseUrl),
		assertionMethod: [keyUrl(baseUrl)]
	};
}

/** The Multikey verification method published at `${baseUrl}/issuer/key`. */
export function publicKeyDocument(baseUrl: string, key: IssuerKey): Record<string, unknown> {
	return {
		'@context': MULTIKEY_CONTEXT,
		id: keyUrl(baseUrl),
		type: 'Multikey',
		controller: issuerUrl(baseUrl),
		publicKeyMultibase: key.publicKeyMultibase
	};
}
