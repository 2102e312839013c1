import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { db, table } from '$lib/server/db';
import { listTiers } from '$lib/server/tiers/rules';
import { userInScope, type DashboardFilter } from './scope';

/** Level 0 is "not tiered yet"; level n is the n-th tier of courses/tiers.yaml. */
export type TierLevel = { id: string; name: string | null };

/**
 * Businesses per kecamatan and tier. A business's tier is the last of the unbroken run of
 * tier badges it holds, not revoked, from the first tier (as on the learner's own page);
 * a business with no tier badge is level 0. One grouped query, whatever the number of businesses.
 */
export async function businessesByTier(filter: DashboardFilter) {
	const tiers = listTiers();
	const { business: b, badge: g } = table;
	// One bit per tier: the sum of a business's tier badges says which it holds.
	const bits = tiers.map((t, i) => sql`when ${t.id} then ${2 ** i}`);
	const perBusiness = db
		.select({
			kecamatan: b.kecamatan,
			mask: sql<number>`coalesce(sum(case ${g.achievement} ${sql.join(bits, sql` `)} else 0 end), 0)`.as(
				'mask'
			)
		})
		.from(b)
		.leftJoin(
			g,
			and(eq(g.holderKey, sql`'business:' || ${b.id}`), eq(g.kind, 'tier'), isNull(g.revokedAt))
		)
		.where(userInScope(b.ownerId, filter))
		.groupBy(b.id)
		.as('per_business');
	// Highest level first: all of the first n tiers held means level n.
	const levels = tiers
		.map((_, i) => {
			const n = tiers.length - i;
			const need = 2 ** n - 1;
			return sql`when (${perBusiness.mask} & ${need}) = ${need} then ${n}`;
		})
		.concat(sql`else 0`);
	const level = sql<number>`case ${sql.join(levels, sql` `)} end`;
	const rows = await db
		.select({ kecamatan: perBusiness.kecamatan, level, n: count() })
		.from(perBusiness)
		.groupBy(perBusiness.kecamatan, level);

	const byKecamatan = new Map<string, number[]>();
	for (const row of rows) {
		const counts = byKecamatan.get(row.kecamatan) ?? Array(tiers.length + 1).fill(0);
		counts[Number(row.level)] += row.n;
		byKecamatan.set(row.kecamatan, counts);
	}
	const kecamatan = [...byKecamatan]
		.map(([name, counts]) => ({ name, counts, total: counts.reduce((a, c) => a + c, 0) }))
		.sort((x, y) => x.name.localeCompare(y.name, 'id'));
	const totals = Array.from({ length: tiers.length + 1 }, (_, i) =>
		kecamatan.reduce((sum, k) => sum + k.counts[i], 0)
	);
	const levelList: TierLevel[] = [
		{ id: 'none', name: null },
		...tiers.map((t) => ({ id: t.id, name: t.name }))
	];
	return { levels: levelList, kecamatan, totals, total: totals.reduce((a, c) => a + c, 0) };
}

export type TiersByKecamatan = Awaited<ReturnType<typeof businessesByTier>>;
