import { error, fail, redirect } from '@sveltejs/kit';
import { createFirstAdmin } from '$lib/server/auth/accounts';
import { isSetupDone, markSetupDone } from '$lib/server/auth/first-run';
import { clientAddress } from '$lib/server/auth/guard';
import { startSession } from '$lib/server/auth/login';
import { LIMITS, consume, retryAfterSeconds } from '$lib/server/auth/rate-limit';
import { forgetSetupCode, isLocalAddress, setupCodeMatches } from '$lib/server/auth/setup-code';
import { isLoopbackName } from '$lib/server/host';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * Only a browser on the server itself, at a loopback name, skips the code. A page elsewhere
 * whose name resolves to 127.0.0.1 (DNS rebinding) also comes from a loopback address, but
 * names its own host: it is asked for the code too.
 */
const onServerItself = (event: Pick<RequestEvent, 'getClientAddress' | 'url'>) =>
	isLocalAddress(clientAddress(event)) && isLoopbackName(event.url.hostname);

export const load: PageServerLoad = async (event) => {
	if (await isSetupDone()) error(404, 'not found');
	return { needsCode: !onServerItself(event) };
};

export const actions: Actions = {
	default: async (event) => {
		const { request, cookies, url } = event;
		if (await isSetupDone()) error(404, 'not found');
		const form = await request.formData();
		const input = {
			name: String(form.get('name') ?? ''),
			contact: String(form.get('contact') ?? ''),
			password: String(form.get('password') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		};
		const values = { name: input.name.slice(0, 200), contact: input.contact.slice(0, 300) };
		// Error codes per field (the page turns them into words); passwords never go back.
		const refuse = (status: number, errors: Partial<Record<string, string>>) =>
			fail(status, { values, errors });
		const address = clientAddress(event);
		if (!onServerItself(event)) {
			const wait = await consume([[`setup:address:${address}`, LIMITS.setup]]);
			if (wait > 0) {
				event.setHeaders({ 'retry-after': retryAfterSeconds(wait) });
				return refuse(429, { form: 'too_many_requests' });
			}
			if (!setupCodeMatches(String(form.get('code') ?? '')))
				return refuse(400, { code: 'setup_code_wrong' });
		}
		const result = await createFirstAdmin(input);
		if ('errors' in result) return refuse(400, result.errors ?? {});
		markSetupDone();
		forgetSetupCode();
		await startSession(cookies, result.user.id, url);
		redirect(303, '/admin/users');
	}
};
