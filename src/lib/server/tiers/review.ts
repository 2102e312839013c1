import { and, eq, inArray } from 'drizzle-orm';
import { signTierBadge, storeTierBadge } from '$lib/server/badges/award';
import { db, table } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/session';
import type { Badge, TierBasis } from '$lib/server/db/schema';
import { changesSince, readRequirements, toBasis, type Change } from './basis';
import { getBusiness } from '$lib/server/business';
import { currentAndNext, tierStatus } from './status';

export type SubmitError = 'no_business' | 'not_next_tier' | 'not_ready' | 'already_submitted';

/** The learner asks for the next tier to be judged, once everything on its list is done. */
export async function submitForReview(userId: string, tierId: string): Promise<SubmitError | null> {
	const business = await getBusiness(userId);
	if (!business) return 'no_business';
	const tiers = await tierStatus(userId, business);
	const { next } = currentAndNext(tiers);
	if (!next || next.id !== tierId) return 'not_next_tier';
	if (!next.ready) return 'not_ready';
	if (next.review?.status === 'submitted') return 'already_submitted';
	await db.insert(table.tierReview).values({
		id: crypto.randomUUID(),
		businessId: business.id,
		tier: tierId,
		status: 'submitted',
		submittedAt: new Date()
	});
	return null;
}

/**
 * The reviews a trainer may act on: businesses of their cohorts' members; every one for an
 * admin. With `cohortId`, only that cohort's businesses (one queue per bimtek).
 */
export async function reviewQueue(viewer: SessionUser, cohortId?: string) {
	const base = db
		.select({
			id: table.tierReview.id,
			businessId: table.tierReview.businessId,
			tier: table.tierReview.tier,
			status: table.tierReview.status,
			submittedAt: table.tierReview.submittedAt,
			businessName: table.business.name,
			kecamatan: table.business.kecamatan,
			ownerName: table.user.name,
			ownerId: table.user.id
		})
		.from(table.tierReview)
		.innerJoin(table.business, eq(table.business.id, table.tierReview.businessId))
		.innerJoin(table.user, eq(table.user.id, table.business.ownerId));
	if (viewer.role === 'admin' && !cohortId)
		return base
			.where(eq(table.tierReview.status, 'submitted'))
			.orderBy(table.tierReview.submittedAt);
	const members = db
		.select({ userId: table.cohortMember.userId })
		.from(table.cohortMember)
		.innerJoin(table.cohort, eq(table.cohort.id, table.cohortMember.cohortId))
		.where(
			and(
				viewer.role === 'admin' ? undefined : eq(table.cohort.trainerId, viewer.id),
				cohortId ? eq(table.cohort.id, cohortId) : undefined
			)
		);
	return base
		.where(
			and(
				eq(table.tierReview.status, 'submitted'),
				inArray(table.user.id, members),
				// A trainer or admin sitting in a cohort is not its trainer's to review.
				eq(table.user.role, 'learner')
			)
		)
		.orderBy(table.tierReview.submittedAt);
}

export async function findReview(id: string) {
	const [row] = await db
		.select({
			review: table.tierReview,
			business: table.business,
			ownerName: table.user.name
		})
		.from(table.tierReview)
		.innerJoin(table.business, eq(table.business.id, table.tierReview.businessId))
		.innerJoin(table.user, eq(table.user.id, table.business.ownerId))
		.where(eq(table.tierReview.id, id));
	return row ?? null;
}

export type Decision = 'endorsed' | 'returned';
export type DecideResult =
	| { ok: true; review: typeof table.tierReview.$inferSelect; badge: Badge | null }
	| { ok: false; error: 'already_decided' }
	/** The tier is no longer ready: what is missing now, for the trainer and the owner. */
	| { ok: false; error: 'not_ready'; changes: Change[] };

/**
 * Endorses (and awards the tier badge) or sends back with a reason, in one write transaction
 * that re-reads the review and the tier's requirements: only a submitted review can be decided,
 * once, and only a tier that is still ready right now can be endorsed. Two decisions at once
 * (two trainers, a double tap) queue behind each other; the second finds it decided.
 *
 * The badge is signed before the transaction (signing is slow, and the write lock holds up
 * every learner's sync meanwhile) on the requirements as read then; the transaction stores it
 * only if they still read the same, and otherwise signs again on what they read now.
 */
export async function decideReview(
	id: string,
	reviewer: SessionUser,
	decision: Decision,
	note: string,
	baseUrl: string
): Promise<DecideResult> {
	for (let attempt = 0; ; attempt++) {
		const signed = decision === 'endorsed' ? await signFor(id, baseUrl, reviewer.name) : null;
		if (signed && 'error' in signed) return signed;
		const result = await db.transaction(
			async (tx): Promise<DecideResult | 'changed'> => {
				const [review] = await tx
					.select()
					.from(table.tierReview)
					.where(and(eq(table.tierReview.id, id), eq(table.tierReview.status, 'submitted')));
				if (!review) return { ok: false, error: 'already_decided' };
				let badge: Badge | null = null;
				if (signed) {
					const now = new Date(signed.basis.checkedAt);
					const state = await readRequirements(tx, review.businessId, review.tier, now);
					if (!state) return { ok: false, error: 'already_decided' };
					const changes = changesSince(null, state.requirements);
					if (changes.length) return { ok: false, error: 'not_ready', changes };
					const basis = toBasis(state.requirements, now);
					if (JSON.stringify(basis) !== JSON.stringify(signed.basis)) return 'changed';
					badge = await storeTierBadge(tx, signed.badge, {
						basis,
						reviewId: review.id,
						endorsedBy: reviewer.id
					});
					// The business already holds this tier badge (an older review): nothing to endorse.
					if (!badge) return { ok: false, error: 'already_decided' };
				}
				const [decided] = await tx
					.update(table.tierReview)
					.set({ status: decision, note, reviewerId: reviewer.id, reviewedAt: new Date() })
					.where(and(eq(table.tierReview.id, id), eq(table.tierReview.status, 'submitted')))
					.returning();
				return { ok: true, review: decided, badge };
			},
			{ behavior: 'immediate' }
		);
		// Evidence replaced in the moment between signing and storing: sign again, a few times.
		if (result !== 'changed') return result;
		if (attempt === 2) return { ok: false, error: 'already_decided' };
	}
}

/** The tier badge a review would award now, signed, with what it rests on; or why not. */
async function signFor(
	id: string,
	baseUrl: string,
	endorserName: string
): Promise<
	| { badge: NonNullable<Awaited<ReturnType<typeof signTierBadge>>>; basis: TierBasis }
	| Exclude<DecideResult, { ok: true }>
> {
	const found = await findReview(id);
	if (!found || found.review.status !== 'submitted') return { ok: false, error: 'already_decided' };
	const now = new Date();
	const state = await readRequirements(db, found.business.id, found.review.tier, now);
	if (!state) return { ok: false, error: 'already_decided' };
	const changes = changesSince(null, state.requirements);
	if (changes.length) return { ok: false, error: 'not_ready', changes };
	const basis = toBasis(state.requirements, now);
	const badge = await signTierBadge(
		state.business,
		found.ownerName,
		found.review.tier,
		basis,
		baseUrl,
		endorserName
	);
	if (!badge) return { ok: false, error: 'already_decided' };
	return { badge, basis };
}

/** What is missing now from a review's tier (empty while it is still ready). */
export async function reviewChanges(review: { businessId: string; tier: string }) {
	const state = await readRequirements(db, review.businessId, review.tier);
	return state ? changesSince(null, state.requirements) : [];
}
