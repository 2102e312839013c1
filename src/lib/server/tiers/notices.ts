import { desc, eq } from 'drizzle-orm';
import { db, table } from '$lib/server/db';
import type { Business } from '$lib/server/db/schema';
import { changesSince, courseBadgesOf, requirements, type Change } from './basis';
import { listTiers } from './rules';

/** What the owner is told about her tiers: decisions on her reviews and on her tier badges. */
export type TierNotice = {
	kind: 'endorsed' | 'returned' | 'blocked' | 'recheck' | 'kept' | 'revoked';
	tier: string;
	tierName: string;
	date: Date;
	/** The trainer's note, the reason sent back or the reason revoked. */
	note: string | null;
	changes: Change[];
	badgeId: string | null;
};

/** Newest first. One notice per tier: a later decision on the badge replaces its endorsement. */
export async function tierNotices(business: Business | null): Promise<TierNotice[]> {
	if (!business) return [];
	const [reviews, badges, evidence, courseBadges] = await Promise.all([
		db
			.select()
			.from(table.tierReview)
			.where(eq(table.tierReview.businessId, business.id))
			.orderBy(desc(table.tierReview.submittedAt)),
		db
			.select({ badge: table.badge, award: table.tierAward })
			.from(table.badge)
			.leftJoin(table.tierAward, eq(table.tierAward.badgeId, table.badge.id))
			.where(eq(table.badge.businessId, business.id)),
		db.select().from(table.evidence).where(eq(table.evidence.businessId, business.id)),
		courseBadgesOf(db, [business.ownerId])
	]);
	const now = new Date();
	const notices: TierNotice[] = [];
	for (const tier of listTiers()) {
		const reqs = () => requirements(tier, business, evidence, courseBadges, now);
		const base = { tier: tier.id, tierName: tier.name, changes: [] as Change[] };
		const held = badges.find((b) => b.badge.kind === 'tier' && b.badge.achievement === tier.id);
		const review = reviews.find((r) => r.tier === tier.id);
		if (held?.badge.revokedAt) {
			notices.push({
				...base,
				kind: 'revoked',
				date: held.badge.revokedAt,
				note: held.badge.revokeReason,
				badgeId: held.badge.id
			});
			continue;
		}
		if (held?.award) {
			const kept = held.award.keptChanges;
			const changes = changesSince(held.award.basis, reqs()).filter((c) => !kept.includes(c.key));
			if (changes.length) {
				notices.push({
					...base,
					kind: 'recheck',
					date: now,
					note: null,
					changes,
					badgeId: held.badge.id
				});
				continue;
			}
			if (held.award.keptAt) {
				notices.push({
					...base,
					kind: 'kept',
					date: held.award.keptAt,
					note: held.award.keptNote,
					badgeId: held.badge.id
				});
				continue;
			}
		}
		if (!review) continue;
		if (review.status === 'submitted') {
			const changes = changesSince(null, reqs());
			if (changes.length)
				notices.push({
					...base,
					kind: 'blocked',
					date: review.submittedAt,
					note: null,
					changes,
					badgeId: null
				});
		} else
			notices.push({
				...base,
				kind: review.status,
				date: review.reviewedAt ?? review.submittedAt,
				note: review.note || null,
				badgeId: held?.badge.id ?? null
			});
	}
	return notices.sort((a, b) => b.date.getTime() - a.date.getTime());
}
