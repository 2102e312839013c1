import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { registerUser } from '$lib/server/auth/accounts';
import { startSession } from '$lib/server/auth/login';
import { retryAfterSeconds } from '$lib/server/auth/rate-limit';
import { registrationWait } from '$lib/server/auth/registration-limit';
import { join, mayJoinCohorts } from '$lib/server/cohorts';
import { claimDeviceFor } from '$lib/server/sync/ingest';
import { lookUpJoinCode } from '$lib/server/trainer/join';
import type { Actions, PageServerLoad } from './$types';

/** The open cohort behind the code, or the page's answer: unknown, closed, or slow down (429). */
async function openCohort(event: RequestEvent) {
	const found = await lookUpJoinCode(event, event.params.code ?? '');
	if (found.state === 'rate_limited') {
		event.setHeaders({ 'retry-after': String(Math.ceil(found.retryAfterMs / 1000)) });
		error(429, 'too many wrong codes');
	}
	return found;
}

export const load: PageServerLoad = async (event) => {
	const found = await openCohort(event);
	if (found.state !== 'open') return { state: found.state, cohort: null };
	const { cohort } = found;
	const user = event.locals.user;
	return {
		state: user && !mayJoinCohorts(user) ? ('staff' as const) : ('open' as const),
		cohort: { name: cohort.name, code: cohort.joinCode }
	};
};

export const actions: Actions = {
	join: async (event) => {
		const found = await openCohort(event);
		if (found.state !== 'open') return fail(400, { state: found.state });
		if (!event.locals.user) return fail(401, { state: 'login' as const });
		// A trainer or admin in a cohort would be another trainer's to reset and review.
		if (!(await join(found.cohort.id, event.locals.user.id)))
			return fail(403, { state: 'staff' as const });
		return { joined: true };
	},
	/** A participant without an account makes one on the spot, and is in the cohort at once. */
	register: async (event) => {
		const found = await openCohort(event);
		if (found.state !== 'open') return fail(400, { state: found.state });
		const form = await event.request.formData();
		const input = {
			name: String(form.get('name') ?? ''),
			contact: String(form.get('contact') ?? ''),
			password: String(form.get('password') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		};
		const values = { name: input.name.slice(0, 200), contact: input.contact.slice(0, 300) };
		// The same limit as /register, counted before the password is hashed.
		const wait = await registrationWait(event);
		if (wait > 0) {
			event.setHeaders({ 'retry-after': retryAfterSeconds(wait) });
			return fail(429, { values, errors: { form: 'too_many_requests' as const } });
		}
		const result = await registerUser(input);
		if ('errors' in result) return fail(400, { values, errors: result.errors });
		await startSession(event.cookies, result.user.id, event.url);
		await claimDeviceFor(result.user.id, event.cookies.get('nk-device'));
		await join(found.cohort.id, result.user.id);
		return { joined: true };
	}
};
