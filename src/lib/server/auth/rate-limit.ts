import { eq, lt, sql } from 'drizzle-orm';
import { db, table } from '$lib/server/db';

export type Limit = { max: number; windowMs: number };

/** Counts one more failure for `key` and returns the count in the current window. */
export async function recordFailure(key: string, limit: Limit, now = Date.now()) {
	const expired = now - limit.windowMs;
	// One statement, so concurrent requests on any instance cannot lose an increment.
	const [row] = await db
		.insert(table.rateLimit)
		.values({ key, count: 1, windowStart: new Date(now) })
		.onConflictDoUpdate({
			target: table.rateLimit.key,
			set: {
				count: sql`CASE WHEN ${table.rateLimit.windowStart} <= ${expired} THEN 1 ELSE ${table.rateLimit.count} + 1 END`,
				windowStart: sql`CASE WHEN ${table.rateLimit.windowStart} <= ${expired} THEN ${now} ELSE ${table.rateLimit.windowStart} END`
			}
		})
		.returning();
	return row.count;
}

/** Milliseconds until `key` may try again, or 0 when it is under its limit. */
export async function retryAfterMs(key: string, limit: Limit, now = Date.now()) {
	const [row] = await db.select().from(table.rateLimit).where(eq(table.rateLimit.key, key));
	if (!row) return 0;
	const resetAt = row.windowStart.getTime() + limit.windowMs;
	if (resetAt <= now || row.count < limit.max) return 0;
	return resetAt - now;
}

export async function clearFailures(key: string) {
	await db.delete(table.rateLimit).where(eq(table.rateLimit.key, key));
}

/** Forgets windows that ended long ago, so unknown-account keys do not pile up. */
export async function pruneRateLimits(olderThanMs = 24 * 60 * 60 * 1000, now = Date.now()) {
	await db
		.delete(table.rateLimit)
		.where(lt(table.rateLimit.windowStart, new Date(now - olderThanMs)));
}
