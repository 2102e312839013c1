import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/session';
import { didDocument, verifyCredential } from '$lib/server/badges/credential';
import { issuerKey } from '$lib/server/badges/issue';
import { revokeBadge } from '$lib/server/badges/award';
import { getBusiness, saveBusiness } from '$lib/server/business';
import { db, ensureDatabase, table } from '$lib/server/db';
import { publicBaseUrl } from '$lib/server/public-url';
import { currentAndNext, tierStatus } from '$lib/server/tiers/status';
import * as reviewPage from '../../src/routes/trainer/reviews/[id]/+page.server';
import { act, BASE, business, KATALOG, makeUser, NIB, readyLearner } from './tier-fixtures';

// A tier badge certifies only what holds when it is given (issue 27): the trainer's "Sahkan"
// re-checks the tier's requirements in the transaction that awards it.

let admin: SessionUser;
let tutik: SessionUser;
let hadi: SessionUser;

beforeAll(async () => {
	await ensureDatabase();
	admin = await makeUser('Admin PKK', 'admin');
	tutik = await makeUser('Tutik', 'trainer');
	hadi = await makeUser('Hadi', 'trainer');
});

const decide = (reviewId: string, user: SessionUser, fields: Record<string, string>) =>
	act(reviewPage.actions.decide, `/trainer/reviews/${reviewId}`, { id: reviewId }, user, fields);
const endorse = (reviewId: string, user: SessionUser) =>
	decide(reviewId, user, { decision: 'endorsed', confirm: 'yes', note: 'Bukti lengkap.' });

async function tierBadges(businessId: string) {
	return db
		.select()
		.from(table.badge)
		.where(and(eq(table.badge.businessId, businessId), eq(table.badge.kind, 'tier')));
}
async function reviewStatus(id: string) {
	const [row] = await db.select().from(table.tierReview).where(eq(table.tierReview.id, id));
	return row.status;
}
async function heldTier(userId: string) {
	return currentAndNext(await tierStatus(userId, await getBusiness(userId))).current?.id ?? null;
}

describe('endorsing a tier review', () => {
	it('is refused when a course badge behind it was revoked after it was sent: no badge, no tier', async () => {
		const { learner, business: biz, courseBadge, review } = await readyLearner(tutik, 'Sri A');
		await revokeBadge(courseBadge.id, admin.id, 'Kuis dikerjakan orang lain.');

		const res = await endorse(review.id, tutik);
		expect(res.status).toBe(409);
		const changes = res.data.changes as { text: string }[];
		expect(changes.map((c) => c.text)).toEqual([
			'Lencana kursus "Manajemen Usaha" dicabut: Kuis dikerjakan orang lain.'
		]);
		// The reason to send it back is written for the trainer, in Indonesian.
		expect(res.data.returnNote).toContain('Syarat berubah sejak pengajuan dikirim');
		expect(await tierBadges(biz.id)).toEqual([]);
		expect(await reviewStatus(review.id)).toBe('submitted');
		expect(await heldTier(learner.id)).toBeNull();
	});

	it('is refused when the bookkeeping photo was withdrawn after it was sent', async () => {
		const { learner, business: biz, review } = await readyLearner(tutik, 'Sri J');
		await db
			.delete(table.evidence)
			.where(and(eq(table.evidence.businessId, biz.id), eq(table.evidence.item, 'buku-kas')));

		const res = await endorse(review.id, tutik);
		expect(res.status).toBe(409);
		expect((res.data.changes as { text: string }[]).map((c) => c.text)).toEqual([
			'Bukti "Foto buku kas yang diisi setiap hari selama satu bulan" ditarik'
		]);
		expect(await tierBadges(biz.id)).toEqual([]);
		expect(await reviewStatus(review.id)).toBe('submitted');
		expect(await heldTier(learner.id)).toBeNull();
	});

	it('is refused when the NIB was set back to "Belum punya" after it was sent', async () => {
		// NIB is asked from Siap Komersial on: a batik maker who holds Rintisan Tertata.
		const { learner, business: biz, review } = await readyLearner(tutik, 'Sri B', 'siap-komersial');
		await saveBusiness(learner.id, business(null));

		const res = await endorse(review.id, admin);
		expect(res.status).toBe(409);
		expect((res.data.changes as { text: string }[]).map((c) => c.text)).toEqual([
			'"Punya NIB (Nomor Induk Berusaha) dari OSS" tidak ada lagi di profil usaha'
		]);
		expect((await tierBadges(biz.id)).map((b) => b.achievement)).toEqual(['rintisan']);
		expect(await reviewStatus(review.id)).toBe('submitted');
		expect(await heldTier(learner.id)).toBe('rintisan');

		// Sent back with the reason the page filled in: the owner reads it on her account.
		const back = await decide(review.id, tutik, {
			decision: 'returned',
			note: String(res.data.returnNote)
		});
		expect(back.status).toBe(200);
		const next = currentAndNext(await tierStatus(learner.id, await getBusiness(learner.id))).next;
		expect(next?.id).toBe('siap-komersial');
		expect(next?.review?.status).toBe('returned');
		expect(next?.review?.note).toContain('tidak ada lagi di profil usaha');
	});

	it('still endorses a review whose requirements did not change (control)', async () => {
		const { learner, business: biz, review } = await readyLearner(tutik, 'Sri C');
		const res = await endorse(review.id, tutik);
		expect(res.status).toBe(200);
		const [badge] = await tierBadges(biz.id);
		expect(res.data.badgeId).toBe(badge.id);
		expect(await reviewStatus(review.id)).toBe('endorsed');
		expect(await heldTier(learner.id)).toBe('rintisan');
	});

	it('endorses a craft business for Siap Komersial without SPP-IRT or halal (control)', async () => {
		const { learner, review } = await readyLearner(tutik, 'Sri K', 'siap-komersial');
		const res = await endorse(review.id, tutik);
		expect(res.status).toBe(200);
		expect(await reviewStatus(review.id)).toBe('endorsed');
		expect(await heldTier(learner.id)).toBe('siap-komersial');
	});

	it('asks to confirm first: the first tap changes nothing', async () => {
		const { business: biz, review } = await readyLearner(tutik, 'Sri H');
		const ask = await decide(review.id, tutik, { decision: 'endorsed', note: '' });
		expect(ask.status).toBe(200);
		expect(ask.data.confirmEndorse).toBe(true);
		expect(await tierBadges(biz.id)).toEqual([]);
		expect(await reviewStatus(review.id)).toBe('submitted');
	});

	it('records in the badge what was checked then: names and dates, no numbers, links or photos', async () => {
		const { business: biz, review } = await readyLearner(tutik, 'Sri I', 'siap-komersial');
		expect((await endorse(review.id, tutik)).status).toBe(200);
		const badges = await tierBadges(biz.id);
		const credentialOf = (tier: string) =>
			JSON.parse(badges.find((b) => b.achievement === tier)!.credential);
		const evidenceOf = (credential: { evidence: { name: string; narrative: string }[] }) =>
			credential.evidence;

		// Rintisan Tertata, endorsed first: the course and the bookkeeping photo, by name.
		const first = credentialOf('rintisan');
		expect(evidenceOf(first).map((e) => e.name)).toEqual([
			'Manajemen Usaha',
			'Foto buku kas yang diisi setiap hari selama satu bulan'
		]);
		expect(evidenceOf(first)[0].narrative).toMatch(
			/^Kursus "Manajemen Usaha" selesai; lencana kursus diberikan \d+ \w+ \d{4}\.$/
		);
		// Siap Komersial of a batik maker: its courses, the NIB and the katalog; no SPP-IRT, no halal.
		const second = credentialOf('siap-komersial');
		expect(evidenceOf(second).map((e) => e.name)).toEqual([
			'Pemasaran Digital & Marketplace',
			'Legalitas & Siap Naik Kelas',
			'Punya NIB (Nomor Induk Berusaha) dari OSS',
			'Tautan katalog WhatsApp Business atau toko di marketplace'
		]);
		// Names and dates only: no document number, no link, no photo, no file name.
		for (const credential of [first, second]) {
			const text = JSON.stringify(credential);
			expect(text).not.toContain(NIB);
			expect(text).not.toContain(KATALOG);
			expect(text).not.toMatch(/[0-9a-f]{32}\.jpg|\/evidence\//);
		}
		const key = await issuerKey();
		const docs = JSON.parse(JSON.stringify([didDocument(BASE, key)])) as Record<string, unknown>[];
		expect(await verifyCredential(first, docs)).toEqual({ verified: true });
		// Issued at the address phones reach for the trainer's request (ORIGIN, else this machine's).
		const address = publicBaseUrl(new URL('http://localhost/trainer/reviews'));
		const here = JSON.parse(JSON.stringify([didDocument(address, key)])) as Record<
			string,
			unknown
		>[];
		expect(await verifyCredential(second, here)).toEqual({ verified: true });
	});

	it('gives one outcome and at most one badge to two decisions at once', async () => {
		// Two trainers press "Ya, sahkan" at the same moment.
		const a = await readyLearner(tutik, 'Sri D');
		const both = await Promise.all([endorse(a.review.id, tutik), endorse(a.review.id, admin)]);
		expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
		expect(await tierBadges(a.business.id)).toHaveLength(1);

		// One endorses while the other sends it back.
		const b = await readyLearner(tutik, 'Sri E');
		const mixed = await Promise.all([
			endorse(b.review.id, tutik),
			decide(b.review.id, admin, { decision: 'returned', note: 'Foto buram.' })
		]);
		expect(mixed.map((r) => r.status).sort()).toEqual([200, 409]);
		const status = await reviewStatus(b.review.id);
		expect(await tierBadges(b.business.id)).toHaveLength(status === 'endorsed' ? 1 : 0);

		// A double tap on the same phone.
		const c = await readyLearner(tutik, 'Sri F');
		const taps = await Promise.all([endorse(c.review.id, tutik), endorse(c.review.id, tutik)]);
		expect(taps.map((r) => r.status).sort()).toEqual([200, 409]);
		expect(await tierBadges(c.business.id)).toHaveLength(1);
	});

	it('is not open to a trainer whose cohorts the owner is not in', async () => {
		const { business: biz, review } = await readyLearner(tutik, 'Sri G');
		await expect(endorse(review.id, hadi)).rejects.toMatchObject({ status: 404 });
		expect(await tierBadges(biz.id)).toEqual([]);
	});
});
