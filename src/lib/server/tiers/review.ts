import { and, eq, inArray } from 'drizzle-orm';
import { awardTierBadge } from '$lib/server/badges/award';
import { db, table } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/session';
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

/**
 * Endorses (and awards the tier badge) or sends back with a reason. Only a submitted review
 * can be decided, once: a second click or a second trainer changes nothing.
 */
export async function decideReview(
	id: string,
	reviewer: SessionUser,
	decision: 'endorsed' | 'returned',
	note: string,
	baseUrl: string
) {
	const rows = await db
		.update(table.tierReview)
		.set({ status: decision, note, reviewerId: reviewer.id, reviewedAt: new Date() })
		.where(and(eq(table.tierReview.id, id), eq(table.tierReview.status, 'submitted')))
		.returning();
	const review = rows[0];
	if (!review) return null;
	const badge =
		decision === 'endorsed' ? await awardTierBadge(review.businessId, review.tier, baseUrl) : null;
	return { review, badge };
}
