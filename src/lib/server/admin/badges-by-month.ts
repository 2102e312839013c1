import { and, count, gte, isNull, sql } from 'drizzle-orm';
import { db, table } from '$lib/server/db';
import { userInScope, type DashboardFilter } from './scope';

/** Months are counted in Bojonegoro's time (WIB, UTC+7), not the server's. */
const WIB_MS = 7 * 60 * 60 * 1000;
export const MONTHS_SHOWN = 12;

/** "2026-12" for the twelve months up to and including the current one, oldest first. */
export function lastMonths(now: Date, n = MONTHS_SHOWN) {
	const wib = new Date(now.getTime() + WIB_MS);
	const months = Array.from({ length: n }, (_, i) => {
		const d = new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth() - (n - 1 - i), 1));
		return d.toISOString().slice(0, 7);
	});
	const since = new Date(Date.parse(`${months[0]}-01T00:00:00Z`) - WIB_MS);
	return { months, since };
}

/** Badges awarded per month and kind over the last twelve months; revoked badges do not count. */
export async function badgesByMonth(filter: DashboardFilter, now = new Date()) {
	const g = table.badge;
	const { months, since } = lastMonths(now);
	const month = sql<string>`strftime('%Y-%m', ${g.awardedAt} / 1000, 'unixepoch', '+7 hours')`;
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
