import { count, inArray } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { recordFailure } from '$lib/server/auth/rate-limit';
import { db, ensureDatabase, table } from '$lib/server/db';

beforeAll(() => ensureDatabase());

const keys = ['tx-first', 'tx-second', 'outside'];

it('a write arriving while another request’s transaction waits on something else waits its turn', async () => {
	const window = { max: 5, windowMs: 60_000 };
	let outsideStarted!: () => void;
	const started = new Promise<void>((resolve) => (outsideStarted = resolve));
	const transaction = db.transaction(async (tx) => {
		await tx.insert(table.rateLimit).values({ key: keys[0], count: 1, windowStart: new Date() });
		// Like a request awaiting a file or a signature mid-transaction: other requests run now.
		outsideStarted();
		await new Promise((resolve) => setTimeout(resolve, 100));
		await tx.insert(table.rateLimit).values({ key: keys[1], count: 1, windowStart: new Date() });
	});
	await started;
	// Without taking turns this write busy-waits inside the synchronous driver, the timer above
	// can never fire, and it fails with SQLITE_BUSY once SQLite's timeout is over.
	const outside = recordFailure(keys[2], window);
	await Promise.all([transaction, outside]);
	const [{ n }] = await db
		.select({ n: count() })
		.from(table.rateLimit)
		.where(inArray(table.rateLimit.key, keys));
	expect(n).toBe(3);
});
