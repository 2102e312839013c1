import { eq, lt, sql } from 'drizzle-orm';
import { db, table } from '$lib/server/db';

export type Limit = { max: number; windowMs: number };

/** Counts one more failure (or request) for `key` and returns the count in the current window. */
export async function recordFailure(key: string, limit: Limit, now = Date.now(), amount = 1) {
	const expired = now - limit.windowMs;
	// One statement, so concurrent requests on any instance cannot lose an increment.
	const [row] = await db
		.insert(table.rateLimit)
		.values({ key, count: amount, windowStart: new Date(now) })
		.onConflictDoUpdate({
			target: table.rateLimit.key,
			set: {
				count: sql`CASE WHEN ${table.rateLimit.windowStart} <= ${expired} THEN ${amount} ELSE ${table.rateLimit.count} + ${amount} END`,
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

/**
 * Counts one attempt against each key, atomically, BEFORE the caller does the work the limit
 * protects (a password check, a code lookup), and returns the milliseconds to wait when any key
 * is over its limit, else 0. Checking first and counting after the work let a burst of parallel
 * requests all pass the check before any was counted (300 parallel password guesses were all
 * verified against a limit of 5). Stops at the first key over its limit, so a locked account
 * does not also use up its address's share. The caller refunds the attempt when it succeeds.
 */
export async function countAttempt(keys: [string, Limit][], now = Date.now()) {
	for (const [key, limit] of keys) {
		const n = await recordFailure(key, limit, now);
		if (n > limit.max) return Math.max(1, await retryAfterMs(key, limit, now));
	}
	return 0;
}

/** Gives back one counted attempt (it succeeded), keeping the rest of the window's count. */
export async function refundAttempt(key: string) {
	await db
		.update(table.rateLimit)
		.set({ count: sql`MAX(${table.rateLimit.count} - 1, 0)` })
		.where(eq(table.rateLimit.key, key));
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

/**
 * Limits on requests (not only failures), per client address unless said otherwise. Set so a
 * whole village hall behind one Wi-Fi router never meets them in normal use: 30 participants
 * registering within 10 minutes (with a few typing mistakes each), 30 phones each syncing every
 * few seconds, a cohort uploading three or four photos each.
 * RATE_LIMIT_FACTOR multiplies every limit, for load tests that send everything from one address.
 */
const FACTOR = Math.max(1, Number(process.env.RATE_LIMIT_FACTOR) || 1);
const scaled = (max: number, windowMs: number): Limit => ({ max: max * FACTOR, windowMs });
export const LIMITS = {
	register: scaled(100, 15 * 60 * 1000),
	uploadPerUser: scaled(30, 60 * 60 * 1000),
	uploadPerAddress: scaled(300, 60 * 60 * 1000),
	sync: scaled(600, 60 * 1000),
	/**
	 * Accounts one trainer creates by bulk import: two full files (300 rows each) an hour. A
	 * trainer's own action, so apart from the visitors' registration limit, but bounded.
	 */
	importPerTrainer: scaled(600, 60 * 60 * 1000),
	/** Setup codes typed from another computer: ten tries in 15 minutes against 10^8 codes. */
	setup: scaled(10, 15 * 60 * 1000)
} as const;

/**
 * Counts one request against each key; returns the milliseconds until the caller may try again
 * when any key is over its limit, else 0. Refused requests count too, so hammering does not help.
 */
export async function consume(keys: [string, Limit][], now = Date.now()) {
	let wait = 0;
	for (const [key, limit] of keys) {
		const n = await recordFailure(key, limit, now);
		if (n > limit.max) wait = Math.max(wait, await retryAfterMs(key, limit, now));
	}
	return wait;
}

/** Seconds for a Retry-After header: whole, and at least 1. */
export const retryAfterSeconds = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));
