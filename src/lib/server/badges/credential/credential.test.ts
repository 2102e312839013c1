import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDocumentLoader } from './document-loader';
import {
	buildCredential,
	didDocument,
	identityHash,
	issuerProfile,
	loadIssuerKey,
	publicKeyDocument,
	signCredential,
	verifyCredential,
	withProofArray,
	type CredentialInput,
	type IssuerKey
} from './index';
import { ISSUER_KEY_FILE } from './issuer-key';

/** Enough of the credential's shape for the tests to read and tamper with it. */
type Vc = Record<string, unknown> & {
	issuer: { id: string };
	credentialSubject: Record<string, unknown> & {
		identifier: { identityHash: string }[];
		achievement: Record<string, unknown>;
	};
	proof: (Record<string, unknown> & { proofValue: string })[];
};

const BASE = 'https://belajar.pkk.example';
const tempDir = () => mkdtempSync(join(tmpdir(), 'nk-issuer-key-'));
const noEnv = {};

const input: CredentialInput = {
	badgeId: 'b7f3k2',
	baseUrl: BASE,
	issuedAt: new Date('2025-03-04T05:06:07.000Z'),
	holderName: 'Siti Aminah',
	businessName: 'Keripik Tempe Bu Siti',
	achievement: {
		slug: 'course-manajemen-usaha',
		name: 'Lulus Kursus Manajemen Usaha',
		description: 'Menyelesaikan kursus manajemen usaha untuk IKM.',
		criteria: 'Menyelesaikan semua pelajaran dan lulus kuis akhir.',
		kind: 'course'
	},
	statusIndex: 4242
};
const DID = 'did:web:belajar.pkk.example';

/** What a third party gets by fetching /.well-known/did.json: plain JSON. */
const published = (key: IssuerKey): Record<string, unknown>[] =>
	JSON.parse(JSON.stringify([didDocument(BASE, key)]));

let sharedKey: Promise<IssuerKey> | undefined;
const key = () => (sharedKey ??= loadIssuerKey(tempDir(), noEnv));

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('issuer key', () => {
	it('is created once with mode 0600 and reloads identically', async () => {
		const dir = tempDir();
		const first = await loadIssuerKey(dir, noEnv);
		const file = join(dir, ISSUER_KEY_FILE);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const text = readFileSync(file, 'utf8');

		const again = await loadIssuerKey(dir, noEnv);
		expect(again.publicKeyMultibase).toBe(first.publicKeyMultibase);
		expect(again.secretKeyMultibase).toBe(first.secretKeyMultibase);
		expect(readFileSync(file, 'utf8')).toBe(text); // not rewritten
		expect(first.publicKeyMultibase).toMatch(/^z6Mk/); // Ed25519 multikey
	});

	it('keeps the secret out of JSON and logs', async () => {
		const k = await key();
		expect(JSON.stringify(k)).not.toContain(k.secretKeyMultibase);
		expect(Object.keys(k)).toEqual(['publicKeyMultibase']);
	});

	it('concurrent first calls agree on one key', async () => {
		const dir = tempDir();
		const [a, b] = await Promise.all([loadIssuerKey(dir, noEnv), loadIssuerKey(dir, noEnv)]);
		expect(a.publicKeyMultibase).toBe(b.publicKeyMultibase);
	});

	it('can be given by ISSUER_KEY (then no file is written)', async () => {
		const dir = tempDir();
		await loadIssuerKey(dir, noEnv);
		const serialized = readFileSync(join(dir, ISSUER_KEY_FILE), 'utf8');

		const other = tempDir();
		const fromEnv = await loadIssuerKey(other, { ISSUER_KEY: serialized });
		const fromFile = await loadIssuerKey(dir, noEnv);
		expect(fromEnv.publicKeyMultibase).toBe(fromFile.publicKeyMultibase);
		expect(fromEnv.secretKeyMultibase).toBe(fromFile.secretKeyMultibase);
		expect(existsSync(join(other, ISSUER_KEY_FILE))).toBe(false);
	});

	it('reads process.env.ISSUER_KEY by default', async () => {
		const dir = tempDir();
		await loadIssuerKey(dir, noEnv);
		vi.stubEnv('ISSUER_KEY', readFileSync(join(dir, ISSUER_KEY_FILE), 'utf8'));
		try {
			const other = tempDir();
			await loadIssuerKey(other);
			expect(existsSync(join(other, ISSUER_KEY_FILE))).toBe(false);
		} finally {
			vi.unstubAllEnvs();
		}
	});

	it('rejects broken or mismatched keys without echoing the secret', async () => {
		const a = await key();
		const b = await loadIssuerKey(tempDir(), noEnv);
		const secret = a.secretKeyMultibase;

		const notJson = `{"secretKeyMultibase": "${secret}"`;
		await expect(loadIssuerKey(tempDir(), { ISSUER_KEY: notJson })).rejects.toThrow(
			/not valid JSON/
		);
		await loadIssuerKey(tempDir(), { ISSUER_KEY: notJson }).catch((e: Error) =>
			expect(e.message).not.toContain(secret)
		);

		const mismatched = JSON.stringify({
			publicKeyMultibase: b.publicKeyMultibase,
			secretKeyMultibase: secret
		});
		await expect(loadIssuerKey(tempDir(), { ISSUER_KEY: mismatched })).rejects.toThrow(
			/not a valid Ed25519 key pair/
		);
	});
});

describe('buildCredential', () => {
	it('has the Open Badges 3.0 shape', async () => {
		const c = buildCredential(input, await key()) as Vc;
		expect(c['@context']).toEqual([
			'https://www.w3.org/ns/credentials/v2',
			'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
		]);
		expect(c.id).toBe(`${BASE}/verify/b7f3k2`);
		expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
		expect(c.issuer).toEqual({
			id: DID,
			type: ['Profile'],
			name: 'TP PKK Kabupaten Bojonegoro — Naik Kelas',
			url: BASE
		});
		expect(c.validFrom).toBe('2025-03-04T05:06:07.000Z');
		expect(c.awardedDate).toBe('2025-03-04T05:06:07.000Z');
		expect(c.credentialSubject.type).toEqual(['AchievementSubject']);
		expect(c.credentialSubject.identifier).toEqual([
			{ type: 'IdentityObject', identityHash: 'Siti Aminah', identityType: 'name', hashed: false },
			{
				type: 'IdentityObject',
				identityHash: 'Keripik Tempe Bu Siti',
				identityType: 'ext:BusinessName',
				hashed: false
			}
		]);
		expect(c.credentialSubject.achievement).toEqual({
			id: `${BASE}/achievements/course-manajemen-usaha`,
			type: ['Achievement'],
			name: input.achievement.name,
			description: input.achievement.description,
			criteria: { narrative: input.achievement.criteria },
			achievementType: 'Badge',
			image: { id: `${BASE}/achievements/course-manajemen-usaha.svg`, type: 'Image' }
		});
		expect(c.credentialStatus).toEqual({
			id: `${BASE}/credentials/status/1#4242`,
			type: 'BitstringStatusListEntry',
			statusPurpose: 'revocation',
			statusListIndex: '4242',
			statusListCredential: `${BASE}/credentials/status/1`
		});
		// stable key order, so stored JSON diffs cleanly
		expect(Object.keys(c)).toEqual([
			'@context',
			'id',
			'type',
			'name',
			'issuer',
			'validFrom',
			'awardedDate',
			'credentialSubject',
			'credentialStatus'
		]);
	});

	it('tier badges are certificates; no business means one identity; trailing slash ignored', async () => {
		const c = buildCredential(
			{
				...input,
				baseUrl: `${BASE}/`,
				businessName: undefined,
				achievement: { ...input.achievement, slug: 'tier-siap-komersial', kind: 'tier' }
			},
			await key()
		) as Vc;
		expect(c.id).toBe(`${BASE}/verify/b7f3k2`);
		expect(c.credentialSubject.achievement.achievementType).toBe('Certificate');
		expect(c.credentialSubject.identifier).toHaveLength(1);
	});
});

describe('tier badge contents', () => {
	const endorsement = {
		items: [
			{ id: 'nib', label: 'Punya NIB (Nomor Induk Berusaha) dari OSS' },
			{ id: 'buku-kas', label: 'Foto buku kas yang diisi setiap hari selama satu bulan' }
		],
		endorsedAt: new Date('2025-03-03T09:00:00.000Z'),
		endorserName: 'Tutik Handayani'
	};
	const tierInput: CredentialInput = {
		...input,
		achievement: { ...input.achievement, slug: 'tier-rintisan', kind: 'tier' },
		endorsement
	};

	it('lists the checked evidence items and the endorsement date, nothing more', async () => {
		const c = buildCredential(tierInput, await key());
		expect(c.evidence).toEqual([
			{
				type: ['Evidence'],
				name: 'Punya NIB (Nomor Induk Berusaha) dari OSS',
				description: 'Diperiksa dan disahkan pelatih pada 2025-03-03.',
				genre: 'Bukti kesiapan usaha'
			},
			{
				type: ['Evidence'],
				name: 'Foto buku kas yang diisi setiap hari selama satu bulan',
				description: 'Diperiksa dan disahkan pelatih pada 2025-03-03.',
				genre: 'Bukti kesiapan usaha'
			}
		]);
		// a course badge states no evidence
		expect(buildCredential(input, await key()).evidence).toBeUndefined();
	});

	it('a salted hash of a recipient identifier can be checked, but not read', async () => {
		const c = buildCredential(
			{
				...input,
				hashedIdentifier: { identityType: 'emailAddress', value: 'sri@contoh.id', salt: 'garam' }
			},
			await key()
		) as Vc;
		const hashed = c.credentialSubject.identifier[2] as Record<string, unknown>;
		expect(hashed).toEqual({
			type: 'IdentityObject',
			identityHash: identityHash('sri@contoh.id', 'garam'),
			identityType: 'emailAddress',
			hashed: true,
			salt: 'garam'
		});
		expect(hashed.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
		expect(JSON.stringify(c)).not.toContain('sri@contoh.id');
	});
});

describe('published issuer documents', () => {
	it('the DID document lists the key as a Multikey allowed to sign credentials', async () => {
		const k = await key();
		expect(didDocument(BASE, k)).toEqual({
			'@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
			id: DID,
			verificationMethod: [
				{
					id: `${DID}#key-1`,
					type: 'Multikey',
					controller: DID,
					publicKeyMultibase: k.publicKeyMultibase
				}
			],
			assertionMethod: [`${DID}#key-1`],
			authentication: [`${DID}#key-1`]
		});
		// did:web needs the host; a port is percent-encoded.
		expect(didDocument('http://localhost:4580/', k).id).toBe('did:web:localhost%3A4580');
		expect(JSON.stringify(didDocument(BASE, k))).not.toContain(k.secretKeyMultibase);
	});

	it('legacy profile references the key, key names its controller', async () => {
		const k = await key();
		const profile = issuerProfile(BASE, k);
		const doc = publicKeyDocument(BASE, k);
		expect(profile).toMatchObject({
			id: `${BASE}/issuer`,
			type: ['Profile'],
			name: 'TP PKK Kabupaten Bojonegoro — Naik Kelas',
			url: BASE,
			assertionMethod: [`${BASE}/issuer/key`]
		});
		expect(doc).toEqual({
			'@context': 'https://w3id.org/security/multikey/v1',
			id: `${BASE}/issuer/key`,
			type: 'Multikey',
			controller: `${BASE}/issuer`,
			publicKeyMultibase: k.publicKeyMultibase
		});
		expect(JSON.stringify([profile, doc])).not.toContain(k.secretKeyMultibase);
	});
});

describe('sign and verify', () => {
	const signed = async () => signCredential(buildCredential(input, await key()), await key());

	it('verifies with only the published profile and key document', async () => {
		const s = await signed();
		expect(s.proof).toEqual([
			expect.objectContaining({
				type: 'DataIntegrityProof',
				cryptosuite: 'eddsa-rdfc-2022',
				proofPurpose: 'assertionMethod',
				verificationMethod: `${DID}#key-1`
			})
		]);
		// Round-trip through JSON, as a stored/downloaded badge would be.
		const result = await verifyCredential(JSON.parse(JSON.stringify(s)), published(await key()));
		expect(result).toEqual({ verified: true });
	});

	it('fails when the holder name is changed', async () => {
		const s = structuredClone(await signed()) as Vc;
		s.credentialSubject.identifier[0].identityHash = 'Orang Lain';
		const result = await verifyCredential(s, published(await key()));
		expect(result.verified).toBe(false);
		expect(result.error).toBeTruthy();
	});

	it('fails when validFrom is changed', async () => {
		const s = structuredClone(await signed());
		s.validFrom = '2024-01-01T00:00:00.000Z';
		expect((await verifyCredential(s, published(await key()))).verified).toBe(false);
	});

	it('fails against a different key', async () => {
		const other = await loadIssuerKey(tempDir(), noEnv);
		const result = await verifyCredential(await signed(), published(other));
		expect(result.verified).toBe(false);
	});

	it('fails when the published DID document does not list the key', async () => {
		const docs = published(await key());
		docs[0].assertionMethod = [];
		expect((await verifyCredential(await signed(), docs)).verified).toBe(false);
	});

	it('keeps verifying a badge signed by the legacy HTTP issuer (proof as an object)', async () => {
		const k = await key();
		const c = buildCredential(input, k);
		c.issuer = { ...(c.issuer as object), id: `${BASE}/issuer` };
		const signed = await signCredential(c, k);
		const legacy = { ...signed, proof: (signed.proof as unknown[])[0] };
		const docs = JSON.parse(
			JSON.stringify([issuerProfile(BASE, k), publicKeyDocument(BASE, k)])
		) as Record<string, unknown>[];
		expect(await verifyCredential(legacy, docs)).toEqual({ verified: true });
		// Served with the proof wrapped in an array, it is the same signature.
		expect(await verifyCredential(withProofArray(legacy), docs)).toEqual({ verified: true });
		// The DID document alone does not vouch for it.
		expect((await verifyCredential(legacy, published(k))).verified).toBe(false);
	});

	it('fails when another issuer claims the credential', async () => {
		const s = structuredClone(await signed()) as Vc;
		s.issuer.id = 'did:web:evil.example';
		expect((await verifyCredential(s, published(await key()))).verified).toBe(false);
	});

	it('reports revocation when the app says so', async () => {
		const s = await signed();
		const revoked = await verifyCredential(s, published(await key()), {
			isRevoked: (id) => id === `${BASE}/verify/b7f3k2`
		});
		expect(revoked).toEqual({ verified: false, error: 'credential revoked' });
	});

	it('refuses to sign a property no context defines (JSON-LD safe mode)', async () => {
		const c = buildCredential(input, await key()) as Vc;
		c.credentialSubject.nama = 'Siti';
		await expect(signCredential(c, await key())).rejects.toThrow();
	});

	it('is also valid for an independent eddsa-rdfc-2022 check (node:crypto Ed25519)', async () => {
		// Spec algorithm: sig over sha256(canon(proof options)) || sha256(canon(document)).
		const { proof, ...unsecured } = (await signed()) as Vc;
		const { proofValue, ...proofOptions } = proof[0];
		const loader = createDocumentLoader();
		const canon = (doc: object) =>
			jsonld.canonize(doc, {
				algorithm: 'RDFC-1.0',
				format: 'application/n-quads',
				documentLoader: loader,
				safe: true
			});
		const sha = (text: string) => createHash('sha256').update(text).digest();
		const data = Buffer.concat([
			sha(await canon({ '@context': unsecured['@context'], ...proofOptions })),
			sha(await canon(unsecured))
		]);
		const multikey = base58btc(publicKeyDocument(BASE, await key()).publicKeyMultibase as string);
		expect([...multikey.subarray(0, 2)]).toEqual([0xed, 0x01]); // ed25519-pub multicodec
		const publicKey = createPublicKey({
			key: { kty: 'OKP', crv: 'Ed25519', x: multikey.subarray(2).toString('base64url') },
			format: 'jwk'
		});
		expect(edVerify(null, data, publicKey, base58btc(proofValue))).toBe(true);
	});
});

describe('no network', () => {
	it('the document loader throws on unknown URLs', async () => {
		const load = createDocumentLoader();
		await expect(load('https://example.com/context.json')).rejects.toThrow(/refusing to fetch/);
		await expect(load('https://www.w3.org/ns/credentials/v2')).resolves.toMatchObject({
			documentUrl: 'https://www.w3.org/ns/credentials/v2'
		});
	});

	it('signs and verifies with fetch disabled', async () => {
		const fetchSpy = vi.fn(() => Promise.reject(new Error('network used')));
		vi.stubGlobal('fetch', fetchSpy);
		const k = await key();
		const s = await signCredential(buildCredential(input, k), k);
		expect(await verifyCredential(s, published(k))).toEqual({ verified: true });
		expect(fetchSpy).not.toHaveBeenCalled();
	});

	it('a credential naming a remote context fails instead of fetching it', async () => {
		const fetchSpy = vi.fn(() => Promise.reject(new Error('network used')));
		vi.stubGlobal('fetch', fetchSpy);
		const k = await key();
		const c = buildCredential(input, k);
		c['@context'] = [...(c['@context'] as string[]), 'https://example.com/extra-context.json'];
		// jsonld wraps the loader's error in its own "Dereferencing a URL…" message.
		await expect(signCredential(c, k)).rejects.toThrow(/extra-context\.json/);
		expect(fetchSpy).not.toHaveBeenCalled();
	});
});

/** Bitcoin base58 decode of a multibase `z…` string (test-only, deliberately independent). */
function base58btc(multibase: string): Buffer {
	const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
	expect(multibase[0]).toBe('z');
	let n = 0n;
	for (const ch of multibase.slice(1)) {
		const v = ALPHABET.indexOf(ch);
		if (v < 0) throw new Error(`bad base58 char ${ch}`);
		n = n * 58n + BigInt(v);
	}
	const hex = n === 0n ? '' : n.toString(16);
	const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
	const zeros = multibase.slice(1).match(/^1*/)![0].length;
	return Buffer.concat([Buffer.alloc(zeros), bytes]);
}
