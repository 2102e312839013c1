import { count, eq } from 'drizzle-orm';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import { awardCourseBadgeIfEarned, badgesFor, revokeBadge } from '$lib/server/badges/award';
import { didDocument, verifyCredential } from '$lib/server/badges/credential';
import { issuerKey } from '$lib/server/badges/issue';
import { saveBusiness } from '$lib/server/business';
import { findCourse } from '$lib/server/content/catalog';
import { db, ensureDatabase, table } from '$lib/server/db';
import { savePhoto } from '$lib/server/evidence/store';
import { markLessonDone } from '$lib/server/progress';
import { recordAttempt } from '$lib/server/quiz/attempts';
import { findQuiz } from '$lib/server/quiz/bank';
import { gradeQuiz } from '$lib/server/quiz/grading';
import { decideReview, submitForReview } from '$lib/server/tiers/review';
import { currentAndNext, tierStatus } from '$lib/server/tiers/status';
import { phonePhoto } from '../fixtures/photos';

const BASE = 'https://belajar.pkk-bojonegoro.example';
const COURSE = 'manajemen-usaha';
let learner: string;
let admin: { id: string; name: string; role: 'admin' };

/** Bytes that start like a JPEG and are not one (for the refusals). */
const jpeg = (size = 2000) => {
	const bytes = new Uint8Array(size);
	bytes.set([0xff, 0xd8, 0xff, 0xe0]);
	return bytes;
};

async function passQuiz(userId: string) {
	const quiz = findQuiz(COURSE)!;
	const right = Object.fromEntries(
		quiz.questions.map((q) => [q.id, Array.isArray(q.answer) ? q.answer : [String(q.answer)]])
	);
	await recordAttempt(userId, COURSE, gradeQuiz(quiz, right));
}

beforeAll(async () => {
	await ensureDatabase();
	const r = await registerUser({
		name: 'Sri Wahyuni',
		contact: '0812 7777 1111',
		password: 'ledre pisang raja',
		confirm: 'ledre pisang raja'
	});
	learner = r.user!.id;
	const a = await registerUser(
		{
			name: 'Admin',
			contact: 'admin@pkk.example',
			password: 'sandi admin kuat',
			confirm: 'sandi admin kuat'
		},
		'admin'
	);
	admin = { id: a.user!.id, name: 'Admin', role: 'admin' };
	await saveBusiness(learner, {
		name: 'Ledre Bu Sri',
		products: 'ledre',
		kecamatan: 'Padangan',
		desa: 'Kuncen',
		nib: '9120001234567',
		sppIrt: null,
		halal: null,
		bpomMd: null,
		trademark: null
	});
});

describe('course badge', () => {
	it('is not awarded for lessons alone, nor for the quiz alone', async () => {
		const course = findCourse(COURSE)!;
		for (const lesson of course.lessons.slice(0, -1))
			await markLessonDone(learner, COURSE, lesson.slug);
		await passQuiz(learner);
		expect(await awardCourseBadgeIfEarned(learner, COURSE, BASE)).toBeNull();
		expect(await badgesFor(learner)).toEqual([]);
	});

	it('is awarded once when the last lesson is done, even to two racing requests', async () => {
		const course = findCourse(COURSE)!;
		await markLessonDone(learner, COURSE, course.lessons.at(-1)!.slug);
		const results = await Promise.all([
			awardCourseBadgeIfEarned(learner, COURSE, BASE),
			awardCourseBadgeIfEarned(learner, COURSE, BASE),
			awardCourseBadgeIfEarned(learner, COURSE, BASE)
		]);
		expect(results.filter(Boolean)).toHaveLength(1);
		const [{ n }] = await db.select({ n: count() }).from(table.badge);
		expect(n).toBe(1);
		expect(await awardCourseBadgeIfEarned(learner, COURSE, BASE)).toBeNull();
	});

	it('carries a signed Open Badges 3.0 credential that verifies against the published key', async () => {
		const [badge] = await badgesFor(learner);
		const credential = JSON.parse(badge.credential);
		expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
		expect(credential.id).toBe(`${BASE}/verify/${badge.id}`);
		expect(credential.credentialSubject.achievement.name).toBe('Pengelola Usaha Rapi');
		const key = await issuerKey();
		const docs = [didDocument(BASE, key)];
		expect((await verifyCredential(credential, docs)).verified).toBe(true);
		const forged = { ...credential, validFrom: '2020-01-01T00:00:00Z' };
		expect((await verifyCredential(forged, docs)).verified).toBe(false);
	});
});

describe('tier badge', () => {
	it('needs the courses, the evidence and a trainer’s endorsement', async () => {
		const business = (
			await db.select().from(table.business).where(eq(table.business.ownerId, learner))
		)[0];
		let { next } = currentAndNext(await tierStatus(learner, business));
		expect(next?.id).toBe('rintisan');
		// course badge and NIB are there; the bookkeeping photo is not
		expect(next?.ready).toBe(false);
		expect(await submitForReview(learner, 'rintisan')).toBe('not_ready');

		expect(
			await savePhoto(
				{ businessId: business.id, tier: 'rintisan', item: 'buku-kas' },
				new File([await phonePhoto({ width: 320, height: 240 })], 'buku.jpg')
			)
		).toBeNull();
		({ next } = currentAndNext(await tierStatus(learner, business)));
		expect(next?.ready).toBe(true);
		expect(await submitForReview(learner, 'siap-komersial')).toBe('not_next_tier');
		expect(await submitForReview(learner, 'rintisan')).toBeNull();
		expect(await submitForReview(learner, 'rintisan')).toBe('already_submitted');

		const [review] = await db.select().from(table.tierReview);
		const decided = await decideReview(review.id, admin, 'endorsed', 'Buku kas rapi.', BASE);
		expect(decided.ok && decided.badge?.kind).toBe('tier');
		// deciding again changes nothing and awards nothing more
		expect(await decideReview(review.id, admin, 'endorsed', 'lagi', BASE)).toEqual({
			ok: false,
			error: 'already_decided'
		});
		const status = currentAndNext(await tierStatus(learner, business));
		expect(status.current?.id).toBe('rintisan');
		expect(status.next?.id).toBe('siap-komersial');
	});
});

describe('revocation', () => {
	it('marks the badge revoked once, and the tier counts no more', async () => {
		const tierBadge = (await badgesFor(learner)).find((b) => b.kind === 'tier')!;
		expect(await revokeBadge(tierBadge.id, admin.id, 'Bukti ternyata milik usaha lain.')).toBe(
			true
		);
		expect(await revokeBadge(tierBadge.id, admin.id, 'kedua kali')).toBe(false);
		const after = (await badgesFor(learner)).find((b) => b.id === tierBadge.id)!;
		expect(after.revokeReason).toBe('Bukti ternyata milik usaha lain.');
		const business = (
			await db.select().from(table.business).where(eq(table.business.ownerId, learner))
		)[0];
		expect(currentAndNext(await tierStatus(learner, business)).current).toBeNull();
	});
});

describe('evidence photos', () => {
	it('refuse what is too big, not an image, or lies about its type, and store nothing', async () => {
		const [business] = await db.select().from(table.business);
		const key = { businessId: business.id, tier: 'siap-komersial', item: 'label' };
		const before = readdirSync(join(process.env.DATA_DIR!, 'uploads')).length;
		expect(await savePhoto(key, new File([jpeg(5 * 1024 * 1024 + 1)], 'besar.jpg'))).toBe(
			'file_too_big'
		);
		expect(await savePhoto(key, new File(['%PDF-1.7 bukan foto'], 'label.jpg'))).toBe(
			'file_not_image'
		);
		expect(await savePhoto(key, new File([jpeg()], 'label.png'))).toBe('file_type_mismatch');
		expect(await savePhoto(key, null)).toBe('file_missing');
		expect(readdirSync(join(process.env.DATA_DIR!, 'uploads')).length).toBe(before);
		const rows = await db.select().from(table.evidence).where(eq(table.evidence.item, 'label'));
		expect(rows).toEqual([]);
		expect(existsSync(join(process.env.DATA_DIR!, 'issuer-key.json'))).toBe(true);
	});
});
