import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/session';
import { findBadge, revokeBadge } from '$lib/server/badges/award';
import { getBusiness, saveBusiness } from '$lib/server/business';
import { db, ensureDatabase, table } from '$lib/server/db';
import { tierNotices } from '$lib/server/tiers/notices';
import { rechecksFor, resolveRecheck } from '$lib/server/tiers/recheck';
import { decideReview } from '$lib/server/tiers/review';
import { currentAndNext, tierStatus } from '$lib/server/tiers/status';
import * as recheckPage from '../../src/routes/trainer/reviews/recheck/+page.server';
import { act, BASE, business, makeUser, readyLearner, type ReadyTier } from './tier-fixtures';

// A tier badge whose basis changes after the award is listed "Perlu ditinjau ulang" for the
// admin and the trainer who endorsed it; they keep it (with a note) or revoke it; the owner is
// told; nothing is revoked by itself.

let admin: SessionUser;
let tutik: SessionUser;
let hadi: SessionUser;

beforeAll(async () => {
	await ensureDatabase();
	admin = await makeUser('Admin PKK', 'admin');
	tutik = await makeUser('Tutik', 'trainer');
	hadi = await makeUser('Hadi', 'trainer');
});

/** A business holding the tier badge (the first by default), endorsed by Tutik. */
async function endorsed(name: string, tier: ReadyTier = 'rintisan') {
	const ready = await readyLearner(tutik, name, tier);
	const result = await decideReview(ready.review.id, tutik, 'endorsed', 'Lengkap.', BASE);
	if (!result.ok || !result.badge) throw new Error('not endorsed');
	return { ...ready, tierBadge: result.badge };
}
const listed = async (viewer: SessionUser, badgeId: string) =>
	(await rechecksFor(viewer)).find((r) => r.badgeId === badgeId);
const heldTier = async (userId: string) =>
	currentAndNext(await tierStatus(userId, await getBusiness(userId))).current?.id ?? null;

describe('a tier badge whose basis changed', () => {
	it('is listed after its course badge is revoked, for the admin and the endorsing trainer only, and stays valid', async () => {
		const { learner, courseBadge, tierBadge } = await endorsed('Sri A');
		expect(await listed(admin, tierBadge.id)).toBeUndefined();
		await revokeBadge(courseBadge.id, admin.id, 'Kuis dikerjakan orang lain.');

		const item = await listed(admin, tierBadge.id);
		expect(item?.changes).toEqual([
			{
				key: 'course:manajemen-usaha',
				label: 'Manajemen Usaha',
				what: 'course_revoked',
				reason: 'Kuis dikerjakan orang lain.'
			}
		]);
		expect(await listed(tutik, tierBadge.id)).toBeTruthy();
		expect(await listed(hadi, tierBadge.id)).toBeUndefined();
		// Nothing is revoked by itself.
		expect((await findBadge(tierBadge.id))?.revokedAt).toBeNull();
		expect(await heldTier(learner.id)).toBe('rintisan');
		// The owner is told why.
		const [notice] = await tierNotices(await getBusiness(learner.id));
		expect(notice).toMatchObject({ kind: 'recheck', tier: 'rintisan' });
		expect(notice.changes.map((c) => c.key)).toEqual(['course:manajemen-usaha']);
	});

	it('is listed after the NIB is withdrawn; kept with a note it leaves the list until something else changes', async () => {
		// NIB is asked from Siap Komersial on: a batik maker endorsed for it.
		const { learner, business: biz, tierBadge } = await endorsed('Sri B', 'siap-komersial');
		await saveBusiness(learner.id, business(null));
		expect((await listed(tutik, tierBadge.id))?.changes.map((c) => c.what)).toEqual([
			'profile_removed'
		]);

		const path = '/trainer/reviews/recheck';
		// A note is required: the owner reads it.
		expect(
			(await act(recheckPage.actions.keep, path, {}, tutik, { badge: tierBadge.id, note: '' }))
				.status
		).toBe(400);
		// Another trainer cannot even see it exists.
		await expect(
			act(recheckPage.actions.keep, path, {}, hadi, { badge: tierBadge.id, note: 'ok' })
		).rejects.toMatchObject({ status: 404 });
		const kept = await act(recheckPage.actions.keep, path, {}, tutik, {
			badge: tierBadge.id,
			note: 'NIB sedang diperbarui di OSS, sudah dicek.'
		});
		expect(kept.status).toBe(200);
		expect(await listed(tutik, tierBadge.id)).toBeUndefined();
		expect(await listed(admin, tierBadge.id)).toBeUndefined();
		expect((await findBadge(tierBadge.id))?.revokedAt).toBeNull();
		const notice = (await tierNotices(biz)).find((n) => n.tier === 'siap-komersial');
		expect(notice).toMatchObject({
			kind: 'kept',
			note: 'NIB sedang diperbarui di OSS, sudah dicek.'
		});

		// The katalog link goes too: a new change, listed again.
		await db
			.delete(table.evidence)
			.where(and(eq(table.evidence.businessId, biz.id), eq(table.evidence.item, 'katalog')));
		expect((await listed(admin, tierBadge.id))?.changes.map((c) => c.key)).toEqual([
			'evidence:katalog'
		]);
	});

	it('is listed after the bookkeeping photo is withdrawn', async () => {
		const { business: biz, tierBadge } = await endorsed('Sri G');
		await db
			.delete(table.evidence)
			.where(and(eq(table.evidence.businessId, biz.id), eq(table.evidence.item, 'buku-kas')));
		expect(await listed(admin, tierBadge.id)).toMatchObject({
			changes: [
				{
					key: 'evidence:buku-kas',
					label: 'Foto buku kas yang diisi setiap hari selama satu bulan',
					what: 'evidence_removed',
					reason: null
				}
			]
		});
		expect(await listed(tutik, tierBadge.id)).toBeTruthy();
		expect(await listed(hadi, tierBadge.id)).toBeUndefined();
		expect((await findBadge(tierBadge.id))?.revokedAt).toBeNull();
	});

	it('is revoked with the reason, and the owner no longer holds the tier', async () => {
		const { learner, courseBadge, tierBadge } = await endorsed('Sri C');
		await revokeBadge(courseBadge.id, admin.id, 'Kuis dikerjakan orang lain.');
		const res = await act(recheckPage.actions.revoke, '/trainer/reviews/recheck', {}, admin, {
			badge: tierBadge.id,
			note: 'Dasar lencana tidak berlaku lagi.'
		});
		expect(res.status).toBe(200);
		const after = await findBadge(tierBadge.id);
		expect(after?.revokeReason).toBe('Dasar lencana tidak berlaku lagi.');
		expect(await listed(admin, tierBadge.id)).toBeUndefined();
		expect(await heldTier(learner.id)).toBeNull();
		const [notice] = await tierNotices(await getBusiness(learner.id));
		expect(notice).toMatchObject({ kind: 'revoked', note: 'Dasar lencana tidak berlaku lagi.' });
	});

	it('gives one outcome to "keep" and "revoke" at once', async () => {
		const { courseBadge, tierBadge } = await endorsed('Sri D');
		await revokeBadge(courseBadge.id, admin.id, 'Kuis dikerjakan orang lain.');
		const results = await Promise.all([
			resolveRecheck(tierBadge.id, tutik, 'keep', 'Tetap.'),
			resolveRecheck(tierBadge.id, admin, 'revoke', 'Cabut.')
		]);
		expect([...results].sort()).toEqual(['nothing_pending', null]);
		const badge = await findBadge(tierBadge.id);
		const [award] = await db
			.select()
			.from(table.tierAward)
			.where(eq(table.tierAward.badgeId, tierBadge.id));
		// Either kept (not revoked) or revoked (not kept), never both.
		expect(!!badge?.revokedAt).toBe(award.keptAt === null);
	});

	it('tells the owner why a review she sent can no longer be endorsed', async () => {
		const { learner, business: biz } = await readyLearner(tutik, 'Sri F', 'siap-komersial');
		// Only that Rintisan Tertata was endorsed: nothing yet about the review she sent.
		expect((await tierNotices(biz)).map((n) => [n.kind, n.tier])).toEqual([
			['endorsed', 'rintisan']
		]);
		await saveBusiness(learner.id, business(null));
		const notice = (await tierNotices(await getBusiness(learner.id))).find(
			(n) => n.tier === 'siap-komersial'
		);
		expect(notice).toMatchObject({ kind: 'blocked', tier: 'siap-komersial' });
		expect(notice?.changes.map((c) => [c.what, c.key])).toEqual([
			['profile_removed', 'evidence:nib']
		]);
	});

	it('tells the owner about endorsements and returns on her pages', async () => {
		const { business: biz } = await endorsed('Sri E');
		const [notice] = await tierNotices(biz);
		expect(notice).toMatchObject({ kind: 'endorsed', tier: 'rintisan', note: 'Lengkap.' });
	});
});
