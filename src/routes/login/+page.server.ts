import { fail, redirect } from '@sveltejs/kit';
import { authenticate } from '$lib/server/auth/accounts';
import { clientAddress, safeNext } from '$lib/server/auth/guard';
import { startSession } from '$lib/server/auth/login';
import { claimDeviceFor } from '$lib/server/sync/ingest';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const contact = String(form.get('contact') ?? '').slice(0, 300);
		const password = String(form.get('password') ?? '').slice(0, 1000);
		const result = await authenticate(contact, password, clientAddress(event));
		if ('error' in result) {
			if (result.error === 'rate_limited') {
				event.setHeaders({ 'retry-after': String(Math.ceil(result.retryAfterMs / 1000)) });
				return fail(429, {
					contact,
					error: 'rate_limited' as const,
					minutes: Math.ceil(result.retryAfterMs / 60000)
				});
			}
			return fail(400, { contact, error: result.error });
		}
		await startSession(event.cookies, result.user.id, event.url);
		await claimDeviceFor(result.user.id, event.cookies.get('nk-device'));
		redirect(303, safeNext(event.url.searchParams.get('next')));
	}
};
