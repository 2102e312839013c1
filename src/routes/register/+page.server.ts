import { fail, redirect } from '@sveltejs/kit';
import { registerUser } from '$lib/server/auth/accounts';
import { safeNext } from '$lib/server/auth/guard';
import { startSession } from '$lib/server/auth/login';
import { retryAfterSeconds } from '$lib/server/auth/rate-limit';
import { registrationWait } from '$lib/server/auth/registration-limit';
import { claimDeviceFor } from '$lib/server/sync/ingest';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
};

export const actions: Actions = {
	default: async (event) => {
		const { request, cookies, url } = event;
		const form = await request.formData();
		const input = {
			name: String(form.get('name') ?? ''),
			contact: String(form.get('contact') ?? ''),
			password: String(form.get('password') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		};
		const values = { name: input.name.slice(0, 200), contact: input.contact.slice(0, 300) };
		const wait = await registrationWait(event);
		if (wait > 0) {
			event.setHeaders({ 'retry-after': retryAfterSeconds(wait) });
			return fail(429, { values, errors: { form: 'too_many_requests' } });
		}
		const result = await registerUser(input);
		if ('errors' in result) {
			// Passwords are never sent back to the page.
			return fail(400, { values, errors: result.errors });
		}
		await startSession(cookies, result.user.id, url);
		await claimDeviceFor(result.user.id, cookies.get('nk-device'));
		redirect(303, safeNext(url.searchParams.get('next'), '/account?welcome=1'));
	}
};
