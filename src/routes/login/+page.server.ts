import { fail, redirect } from '@sveltejs/kit';
import { authenticate } from '$lib/server/auth/accounts';
import { clientAddress, safeNext } from '$lib/server/auth/guard';
import { startSession } from '$lib/server/auth/login';
import { consumeOneTimeCode } from '$lib/server/auth/one-time';
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
		const next = safeNext(event.url.searchParams.get('next'));
		if (result.user.mustChangePassword) {
			// A trainer's one-time code opens one session, then never again.
			if (!(await consumeOneTimeCode(result.user.id, result.user.passwordHash)))
				return fail(400, { contact, error: 'login_failed' as const });
		}
		await startSession(event.cookies, result.user.id, event.url);
		await claimDeviceFor(result.user.id, event.cookies.get('nk-device'));
		if (result.user.mustChangePassword)
			redirect(303, `/account/password?next=${encodeURIComponent(next)}`);
		redirect(303, next);
	}
};
