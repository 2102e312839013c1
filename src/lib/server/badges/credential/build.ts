// The unsigned documents: the OB 3.0 credential, the trainer's endorsement, and the public
// issuer documents. Every property used here is defined by the contexts listed in
// `@context`: the signer canonicalizes in JSON-LD "safe mode", which rejects any term it
// cannot expand.
import { createHash, randomBytes } from 'node:crypto';
import { MULTIKEY_CONTEXT, DID_CONTEXT, OB_V3_CONTEXT, VC_V2_CONTEXT } from './document-loader';
import { credentialUrl, issuerDid, issuerUrl, keyUrl, keyUrlForIssuer, trimBase } from './ids';
import type { IssuerKey } from './issuer-key';
import { statusEntry } from './status-list';

export const ISSUER_NAME = 'TP PKK Kabupaten Bojonegoro — Naik Kelas';

/**
 * What a trainer's endorsement of a tier says, as data (the tiers code keeps a snapshot of it
 * when the trainer endorses). Only what may be public: the checklist's labels and the date,
 * never the photos, links or document numbers the business gave as proof.
 */
export type TierEndorsement = {
	/** The evidence items the trainer checked, in checklist order. */
	items: { id: string; label: string }[];
	endorsedAt: Date;
	/** The trainer's (or admin's) name as shown to the business. */
	endorserName: string;
};

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
	/** The badge's bit in the revocation status list (see status-list.ts). */
	statusIndex: number;
	/** Tier badges: what the trainer checked, and when. */
	endorsement?: TierEndorsement;
	/**
	 * Optional recipient identifier, stored only as a salted SHA-256 (OB 3.0 IdentityHash): a
	 * bank the holder tells it to can check it; nobody can read it off the public credential.
	 */
	hashedIdentifier?: { identityType: string; value: string; salt?: string };
	/** What a tier badge was given on, as checked then (names and dates only): OB 3.0 `evidence`. */
	evidence?: { name: string; narrative: string }[];
};

/** The issuer as embedded in each credential (OB 3.0 requires a Profile object there). */
function embeddedIssuer(baseUrl: string) {
	return { id: issuerDid(baseUrl), type: ['Profile'], name: ISSUER_NAME, url: trimBase(baseUrl) };
}

const identity = (identityType: string, identityHash: string, hashed: boolean, salt?: string) => ({
	type: 'IdentityObject',
	identityHash,
	identityType,
	hashed,
	...(salt ? { salt } : {})
});

/** `sha256$<hex>` of value + salt, as OB 3.0's IdentityHash defines it. */
export function identityHash(value: string, salt: string) {
	return `sha256$${createHash('sha256')
		.update(value + salt, 'utf8')
		.digest('hex')}`;
}

/**
 * Learners have no DID or e-mail we may publish, so the subject has no `id`; OB 3.0
 * then asks for `identifier` (IdentityObject). `name` is a standard identityType;
 * the business uses the spec's `ext:` escape for extensible enumerations.
 * Plain text (hashed: false) because the name is shown on the public verify page anyway.
 */
function identities(input: CredentialInput) {
	const list = [identity('name', input.holderName, false)];
	if (input.businessName) list.push(identity('ext:BusinessName', input.businessName, false));
	const h = input.hashedIdentifier;
	if (h) {
		const salt = h.salt ?? randomBytes(16).toString('hex');
		list.push(identity(h.identityType, identityHash(h.value, salt), true, salt));
	}
	return list;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** One Evidence entry per checklist item: its label and when the trainer checked it. */
function evidence(e: TierEndorsement) {
	return e.items.map((item) => ({
		type: ['Evidence'],
		name: item.label,
		description: `Diperiksa dan disahkan pelatih pada ${day(e.endorsedAt)}.`,
		genre: 'Bukti kesiapan usaha'
	}));
}

/**
 * The trainer's endorsement as an OB 3.0 EndorsementCredential about the badge. Trainers
 * have no keys of their own: the platform signs it, naming the trainer in the comment.
 */
export function buildEndorsement(input: CredentialInput): Record<string, unknown> | null {
	const e = input.endorsement;
	if (!e) return null;
	const credentialId = credentialUrl(input.baseUrl, input.badgeId);
	return {
		'@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
		id: `${credentialId}/endorsement`,
		type: ['VerifiableCredential', 'EndorsementCredential'],
		name: `Pengesahan pelatih: ${input.achievement.name}`,
		issuer: embeddedIssuer(input.baseUrl),
		validFrom: e.endorsedAt.toISOString(),
		credentialSubject: {
			id: credentialId,
			type: ['EndorsementSubject'],
			endorsementComment: `${e.endorserName}, pelatih Naik Kelas, memeriksa bukti usaha ini dan menyatakannya siap pada ${day(e.endorsedAt)}: ${e.items.map((i) => i.label).join('; ')}.`
		}
	};
}

/** Unsigned OB 3.0 credential JSON (stable key order). `endorsement`: the signed one, if any. */
export function buildCredential(
	input: CredentialInput,
	key: IssuerKey,
	signedEndorsement?: Record<string, unknown> | null
): Record<string, unknown> {
	// The key is not embedded; it is taken so callers cannot build for a key they lack.
	void key;
	const base = trimBase(input.baseUrl);
	const { achievement: a } = input;
	const achievementId = `${base}/achievements/${encodeURIComponent(a.slug)}`;
	return {
		'@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
		id: credentialUrl(base, input.badgeId),
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		name: a.name,
		issuer: embeddedIssuer(base),
		validFrom: input.issuedAt.toISOString(),
		awardedDate: input.issuedAt.toISOString(),
		credentialSubject: {
			type: ['AchievementSubject'],
			identifier: identities(input),
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
		// What was checked: the snapshot at endorsement when given, else the endorsed checklist.
		...(input.evidence?.length
			? { evidence: input.evidence.map((e) => ({ type: ['Evidence'], ...e })) }
			: input.endorsement
				? { evidence: evidence(input.endorsement) }
				: {}),
		...(signedEndorsement ? { endorsement: [signedEndorsement] } : {}),
		credentialStatus: statusEntry(base, input.statusIndex)
	};
}

/**
 * The DID document published at `/.well-known/did.json`: the issuer key as a Multikey
 * verification method, allowed to sign credentials (`assertionMethod`).
 */
export function didDocument(baseUrl: string, key: IssuerKey): Record<string, unknown> {
	const did = issuerDid(baseUrl);
	const method = keyUrlForIssuer(did);
	return {
		'@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
		id: did,
		verificationMethod: [
			{ id: method, type: 'Multikey', controller: did, publicKeyMultibase: key.publicKeyMultibase }
		],
		assertionMethod: [method],
		authentication: [method]
	};
}

/**
 * Legacy issuer Profile published at `${baseUrl}/issuer`, for badges signed before the
 * did:web issuer. Verifiers load it as the key's controller and look for the key under
 * `assertionMethod`; neither the VC nor the OB context defines that term, so it is defined
 * inline (same IRI as the security vocab).
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
		id: issuerUrl(baseUrl),
		type: ['Profile'],
		name: ISSUER_NAME,
		url: trimBase(baseUrl),
		assertionMethod: [keyUrl(baseUrl)]
	};
}

/** The legacy Multikey verification method published at `${baseUrl}/issuer/key`. */
export function publicKeyDocument(baseUrl: string, key: IssuerKey): Record<string, unknown> {
	return {
		'@context': MULTIKEY_CONTEXT,
		id: keyUrl(baseUrl),
		type: 'Multikey',
		controller: issuerUrl(baseUrl),
		publicKeyMultibase: key.publicKeyMultibase
	};
}
