import type { RequestEvent } from '@sveltejs/kit';
import { clientAddress } from './guard';
import { LIMITS, consume } from './rate-limit';

/**
 * Every way a visitor makes an account (`/register`, and signing up on a cohort's join page)
 * counts against ONE limit per address, before the password is hashed: otherwise the join page
 * was a second door (40 accounts in 0.8 s while `/register` answered 429). Returns the
 * milliseconds to wait, or 0. A trainer's bulk import is bounded separately (importLimit).
 */
export function registrationWait(event: Pick<RequestEvent, 'getClientAddress'>, now = Date.now()) {
	return consume([[`register:address:${clientAddress(event)}`, LIMITS.register]], now);
}
