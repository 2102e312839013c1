import type { RequestEvent } from '@sveltejs/kit';
import { clientAddress } from '$lib/server/auth/guard';
import { countAttempt, refundAttempt, type Limit } from '$lib/server/auth/rate-limit';
import { findByCode } from '$lib/server/cohorts';

/**
 * Wrong join codes per address. As high as the login limit, since a whole village hall
 * shares one Wi-Fi address, and far too low to walk through 31^6 codes.
 */
export const JOIN_LIMIT: Limit = { max: 30, windowMs: 15 * 60 * 1000 };

export type JoinLookup =
	| { state: 'open'; cohort: NonNullable<Awaited<ReturnType<typeof findByCode>>> }
	| { state: 'closed' | 'unknown' }
	| { state: 'rate_limited'; retryAfterMs: number };

/** The cohort behind a code typed or scanned, counting wrong codes against the address. */
export async function lookUpJoinCode(
	event: Pick<RequestEvent, 'getClientAddress'>,
	code: string,
	now = Date.now()
): Promise<JoinLookup> {
	const key = `join:address:${clientAddress(event)}`;
	// Counted before the lookup (a burst of parallel guesses cannot all be tried); a code that
	// exists gives its try back.
	const wait = await countAttempt([[key, JOIN_LIMIT]], now);
	if (wait > 0) return { state: 'rate_limited', retryAfterMs: wait };
	const cohort = await findByCode(code);
	if (!cohort) return { state: 'unknown' };
	await refundAttempt(key);
	return cohort.joinOpen ? { state: 'open', cohort } : { state: 'closed' };
}
