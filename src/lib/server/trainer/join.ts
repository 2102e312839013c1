import type { RequestEvent } from '@sveltejs/kit';
import { clientAddress } from '$lib/server/auth/guard';
import { recordFailure, retryAfterMs, type Limit } from '$lib/server/auth/rate-limit';
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
	// The lookup is one indexed read, so it runs first; what is bounded is the answers. A wrong
	// code is counted in the same statement that says whether the address is over its limit, so
	// of a burst of parallel guesses at most the limit are told "unknown" and the rest wait; a
	// hit waits too once the address is over (a guesser cannot tell hits from misses then).
	// A right code is never counted: a hall of 40 scanning the QR at once is not held up.
	const cohort = await findByCode(code);
	if (!cohort) {
		const n = await recordFailure(key, JOIN_LIMIT, now);
		if (n <= JOIN_LIMIT.max) return { state: 'unknown' };
		return {
			state: 'rate_limited',
			retryAfterMs: Math.max(1, await retryAfterMs(key, JOIN_LIMIT, now))
		};
	}
	const wait = await retryAfterMs(key, JOIN_LIMIT, now);
	if (wait > 0) return { state: 'rate_limited', retryAfterMs: wait };
	return cohort.joinOpen ? { state: 'open', cohort } : { state: 'closed' };
}
