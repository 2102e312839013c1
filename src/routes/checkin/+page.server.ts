import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { countAttempt, refundAttempt, type Limit } from '$lib/server/auth/rate-limit';
import { checkIn } from '$lib/server/trainer/attendance';
import type { Actions, PageServerLoad } from './$types';

// Ten wrong codes in 15 minutes per person: plenty for typos, useless for guessing.
const CHECKIN_LIMIT: Limit = { max: 10, windowMs: 15 * 60 * 1000 };

export const load: PageServerLoad = (event) => {
	requireUser(event);
	return { code: (event.url.searchParams.get('code') ?? '').slice(0, 20) };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const code = String((await event.request.formData()).get('code') ?? '').slice(0, 20);
		const key = `checkin:user:${user.id}`;
		// Counted before the code is checked, so a burst of parallel guesses cannot all be tried.
		const wait = await countAttempt([[key, CHECKIN_LIMIT]]);
		if (wait > 0) {
			event.setHeaders({ 'retry-after': String(Math.ceil(wait / 1000)) });
			return fail(429, { code, error: 'rate_limited' as const, minutes: Math.ceil(wait / 60000) });
		}
		const done = await checkIn(user.id, code);
		if (!done) return fail(400, { code, error: 'code_wrong' as const });
		await refundAttempt(key);
		return { checkedIn: done };
	}
};
