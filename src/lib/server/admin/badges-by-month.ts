import { and, count, gte, isNull, sql } from 'drizzle-orm';
import { db, table } from '$lib/server/db';
import { monthOf, startOfDay, utcOffsetMinutes } from '$lib/time';
import { userInScope, type DashboardFilter } from './scope';

export const MONTHS_SHOWN = 12;

/** "2026-12" for the twelve months up to and including the current one, oldest first. */
export function lastMonths(now: Date, n = MONTHS_SHOWN) {
	// Months are counted in the app's time zone (Bojonegoro's), not the server's.
	const [year, month] = monthOf(now).split('-').map(Number);
	const months = Array.from({ length: n }, (_, i) => {
		const d = new Date(Date.UTC(year, month - 1 - (n - 1 - i), 1));
		return d.toISOString().slice(0, 7);
	});
	const since = startOfDay(`${months[0]}-01`);
	return { months, since };
}

/** Badges awarded per month and kind over the last twelve months; revoked badges do not count. */
export async function badgesByMonth(filter: DashboardFilter, now = new Date()) {
	const g = table.badge;
	const { months, since } = lastMonths(now);
	// SQLite knows no zones: the zone's offset now (constant for WIB, which has no summer time).
	const shift = `${utcOffsetMinutes(now)} minutes`;
	const month = sql<string>`strftime('%Y-%m', ${g.awardedAt} / 1000, 'unixepoch', ${shift})`;
	const rows = await db
		.select({ month, kind: g.kind, n: count() })
		.from(g)
		.where(and(isNull(g.revokedAt), gte(g.awardedAt, since), userInScope(g.userId, filter)))
		.groupBy(month, g.kind);
	return months.map((m) => {
		const course = rows.find((r) => r.month === m && r.kind === 'course')?.n ?? 0;
		const tier = rows.find((r) => r.month === m && r.kind === 'tier')?.n ?? 0;
		return { month: m, course, tier, total: course + tier };
	});
}

export type BadgesByMonth = Awaited<ReturnType<typeof badgesByMonth>>;
