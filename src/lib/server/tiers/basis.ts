import { and, eq, inArray, type SQLWrapper } from 'drizzle-orm';
import { table, type Executor } from '$lib/server/db';
import type { Business, TierBasis, TierBasisItem } from '$lib/server/db/schema';
import { appliesTo } from '$lib/server/content/tier-model';
import { findTier, type Tier } from './rules';

/** One requirement of a tier as it stands now. */
export type Requirement = TierBasisItem & {
	done: boolean;
	/** The course badge it needs was revoked: why. */
	revokeReason: string | null;
};

export type Change = {
	key: string;
	label: string;
	what: 'course_revoked' | 'course_missing' | 'profile_removed' | 'evidence_removed';
	reason: string | null;
};

type EvidenceRow = Pick<typeof table.evidence.$inferSelect, 'tier' | 'item' | 'updatedAt'>;
type CourseBadge = Pick<
	typeof table.badge.$inferSelect,
	'id' | 'achievement' | 'awardedAt' | 'revokedAt' | 'revokeReason'
>;

/**
 * How a business stands on each requirement of a tier, from rows already read: its owner's
 * course badges (revoked ones too, to say why one is gone) and its evidence.
 */
export function requirements(
	tier: Tier,
	business: Business,
	evidence: EvidenceRow[],
	courseBadges: CourseBadge[],
	now: Date
): Requirement[] {
	const courses = tier.courses.map((c): Requirement => {
		const badge = courseBadges.find((b) => b.achievement === c.slug);
		const live = !!badge && !badge.revokedAt;
		return {
			key: `course:${c.slug}`,
			kind: 'course',
			label: c.title,
			at: live ? badge.awardedAt.getTime() : null,
			badgeId: live ? badge.id : null,
			done: live,
			revokeReason: badge?.revokedAt ? (badge.revokeReason ?? '') : null
		};
	});
	// As the owner's list shows it (status.ts): a craft business is not asked for SPP-IRT or halal.
	const rules = tier.evidence.filter((rule) => appliesTo(rule, business.productKind));
	const items = rules.map((rule): Requirement => {
		const base = { key: `evidence:${rule.id}`, kind: rule.kind, label: rule.label, badgeId: null };
		if (rule.kind === 'profile') {
			const value = business[rule.field] ?? (rule.alternative ? business[rule.alternative] : null);
			// The profile keeps no date per document: it counts from when it was checked.
			return { ...base, at: value ? now.getTime() : null, done: !!value, revokeReason: null };
		}
		const row = evidence.find((e) => e.tier === tier.id && e.item === rule.id);
		return { ...base, at: row ? row.updatedAt.getTime() : null, done: !!row, revokeReason: null };
	});
	return [...courses, ...items];
}

/** Reads what `requirements` needs, inside the caller's transaction when given one. */
export async function readRequirements(
	exec: Executor,
	businessId: string,
	tierId: string,
	now = new Date()
) {
	const tier = findTier(tierId);
	const [business] = await exec
		.select()
		.from(table.business)
		.where(eq(table.business.id, businessId));
	if (!tier || !business) return null;
	const evidence = await exec
		.select()
		.from(table.evidence)
		.where(and(eq(table.evidence.businessId, businessId), eq(table.evidence.tier, tierId)));
	const badges = await courseBadgesOf(exec, [business.ownerId]);
	return { tier, business, requirements: requirements(tier, business, evidence, badges, now) };
}

/** Course badges (revoked too) of the given owners: a list of ids or a subquery of them. */
export function courseBadgesOf(exec: Executor, ownerIds: string[] | SQLWrapper) {
	return exec
		.select({
			id: table.badge.id,
			userId: table.badge.userId,
			achievement: table.badge.achievement,
			awardedAt: table.badge.awardedAt,
			revokedAt: table.badge.revokedAt,
			revokeReason: table.badge.revokeReason
		})
		.from(table.badge)
		.where(and(eq(table.badge.kind, 'course'), inArray(table.badge.userId, ownerIds)));
}

/** What a badge records: names and dates only, never a photo, a link or a document number. */
export function toBasis(reqs: Requirement[], now: Date): TierBasis {
	return {
		checkedAt: now.getTime(),
		items: reqs.map(({ key, kind, label, at, badgeId }) => ({ key, kind, label, at, badgeId }))
	};
}

/**
 * Requirements not met now. With `then` (what a badge was given on), only those it rested on:
 * a requirement added to the tier later does not put an old badge in question.
 */
export function changesSince(then: TierBasis | null, now: Requirement[]): Change[] {
	const had = then && new Set(then.items.map((i) => i.key));
	return now
		.filter((r) => !r.done && (!had || had.has(r.key)))
		.map((r) => ({
			key: r.key,
			label: r.label,
			what:
				r.kind === 'course'
					? r.revokeReason !== null
						? 'course_revoked'
						: 'course_missing'
					: r.kind === 'profile'
						? 'profile_removed'
						: 'evidence_removed',
			reason: r.revokeReason || null
		}));
}
