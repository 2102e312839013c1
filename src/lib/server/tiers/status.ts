import { desc, eq } from 'drizzle-orm';
import { badgesFor } from '$lib/server/badges/award';
import { db, table } from '$lib/server/db';
import type { Business } from '$lib/server/db/schema';
import { appliesTo } from '$lib/server/content/tier-model';
import { evidenceFor } from '$lib/server/evidence/store';
import { listTiers } from './rules';

export type TierStatus = Awaited<ReturnType<typeof tierStatus>>[number];

/**
 * Where a business stands on every tier: which courses are done (a live course badge),
 * which evidence is given, the last review, and the tier badge if endorsed.
 */
export async function tierStatus(userId: string, business: Business | null) {
	const badges = (await badgesFor(userId, business?.id)).filter((b) => !b.revokedAt);
	const given = business ? await evidenceFor(business.id) : [];
	const reviews = business ? await latestReviews(business.id) : new Map();

	return listTiers().map((tier) => {
		const courses = tier.courses.map((c) => ({
			...c,
			done: badges.some((b) => b.kind === 'course' && b.achievement === c.slug)
		}));
		// A batik or teak maker is asked for the craft route, never for SPP-IRT or halal.
		const rules = tier.evidence.filter((rule) => appliesTo(rule, business?.productKind));
		const evidence = rules.map((rule) => {
			if (rule.kind === 'profile') {
				const value =
					business?.[rule.field] ?? (rule.alternative ? business?.[rule.alternative] : null);
				return {
					id: rule.id,
					kind: rule.kind,
					label: rule.label,
					done: !!value,
					value: value ?? null
				};
			}
			const row = given.find((g) => g.tier === tier.id && g.item === rule.id);
			return {
				id: rule.id,
				kind: rule.kind,
				label: rule.label,
				done: !!row,
				value: row && rule.kind !== 'photo' ? row.value : null
			};
		});
		const badge = badges.find((b) => b.kind === 'tier' && b.achievement === tier.id) ?? null;
		const steps = [...courses, ...evidence];
		return {
			id: tier.id,
			/** Whose route the evidence is: the business's product kind (food until it says). */
			kind: business?.productKind ?? 'pangan',
			name: tier.name,
			summary: tier.summary,
			courses,
			evidence,
			done: steps.filter((s) => s.done).length,
			total: steps.length,
			ready: steps.every((s) => s.done),
			review: (reviews.get(tier.id) ?? null) as typeof table.tierReview.$inferSelect | null,
			badge: badge ? { id: badge.id, awardedAt: badge.awardedAt } : null
		};
	});
}

/** The tier the business holds (the last of an unbroken run of tier badges) and the next one. */
export function currentAndNext(tiers: TierStatus[]) {
	const firstMissing = tiers.findIndex((t) => !t.badge);
	const held = firstMissing === -1 ? tiers.length : firstMissing;
	return { current: tiers[held - 1] ?? null, next: tiers[held] ?? null };
}

async function latestReviews(businessId: string) {
	const rows = await db
		.select()
		.from(table.tierReview)
		.where(eq(table.tierReview.businessId, businessId))
		.orderBy(desc(table.tierReview.submittedAt));
	const map = new Map<string, typeof table.tierReview.$inferSelect>();
	for (const r of rows) if (!map.has(r.tier)) map.set(r.tier, r);
	return map;
}
