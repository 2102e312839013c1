import { and, count, eq, inArray, isNull, lt, max, sql } from 'drizzle-orm';
import { db, table } from '$lib/server/db';

/**
 * What a guest (no account) may store through `/api/sync`. Without these, one address filled
 * the disk at 46 MB a minute with events nobody would ever claim. Set so a village hall of 30
 * guests behind one Wi-Fi address, each opening, practising and completing ten lessons in an
 * hour (about 50 events each), never meets them; a learner with an account has no such limit.
 */
const FACTOR = Math.max(1, Number(process.env.RATE_LIMIT_FACTOR) || 1);
export const GUEST_LIMITS = {
	/** New guest events stored per address in an hour. */
	perAddress: { max: 1500 * FACTOR, windowMs: 60 * 60 * 1000 },
	/** Unclaimed events kept per device: every lesson of every course a few times over. */
	perDevice: 2000,
	/** A device whose guest events were all received longer ago than this loses them. */
	keepDays: 180
} as const;

/**
 * Counts `n` guest events against the address's window, in one statement (so parallel requests
 * cannot slip through), and returns the milliseconds to wait, or 0 when they fit.
 */
export async function consumeGuestBudget(address: string, n: number, now = Date.now()) {
	if (n <= 0) return 0;
	const { max: limit, windowMs } = GUEST_LIMITS.perAddress;
	const key = `sync-guest:address:${address}`;
	const expired = now - windowMs;
	const r = table.rateLimit;
	const [row] = await db
		.insert(r)
		.values({ key, count: n, windowStart: new Date(now) })
		.onConflictDoUpdate({
			target: r.key,
			set: {
				count: sql`CASE WHEN ${r.windowStart} <= ${expired} THEN ${n} ELSE ${r.count} + ${n} END`,
				windowStart: sql`CASE WHEN ${r.windowStart} <= ${expired} THEN ${now} ELSE ${r.windowStart} END`
			}
		})
		.returning();
	// Refused events count too, as every limit here does: hammering does not help.
	if (row.count <= limit) return 0;
	return Math.max(1000, row.windowStart.getTime() + windowMs - now);
}

/** How many more guest events this device may keep. */
export async function guestRoom(deviceId: string) {
	const e = table.progressEvent;
	const [{ n }] = await db
		.select({ n: count() })
		.from(e)
		.where(and(eq(e.deviceId, deviceId), isNull(e.userId)));
	return Math.max(0, GUEST_LIMITS.perDevice - n);
}

/**
 * Forgets the guest events of devices silent for `keepDays`: nobody signed in on them to claim
 * their progress. Run at start-up and once a day.
 */
export async function pruneGuestEvents(now = Date.now()) {
	const e = table.progressEvent;
	const cutoff = new Date(now - GUEST_LIMITS.keepDays * 24 * 60 * 60 * 1000);
	const silent = db
		.select({ deviceId: e.deviceId })
		.from(e)
		.where(isNull(e.userId))
		.groupBy(e.deviceId)
		.having(lt(max(e.receivedAt), cutoff));
	await db.delete(e).where(and(isNull(e.userId), inArray(e.deviceId, silent)));
}

let timer: ReturnType<typeof setInterval> | undefined;
export function scheduleGuestPruning() {
	void pruneGuestEvents().catch((err) => console.error('pruning guest events failed', err));
	timer ??= setInterval(
		() => void pruneGuestEvents().catch((err) => console.error('pruning guest events failed', err)),
		24 * 60 * 60 * 1000
	);
	timer.unref?.();
}
