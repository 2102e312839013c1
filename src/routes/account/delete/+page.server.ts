import { fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { badgesFor } from '$lib/server/badges/award';
import { getBusiness } from '$lib/server/business';
import { deleteSessionCookie } from '$lib/server/auth/session';
import { deleteAccountWithPassword, deletionBlocker } from '$lib/server/personal-data/erase';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	// After deletion the browser lands here with no account: say that it is done.
	if (!event.locals.user && event.url.searchParams.has('selesai')) return { done: true as const };
	const user = requireUser(event);
	const business = await getBusiness(user.id);
	return {
		done: false as const,
		blocker: await deletionBlocker(user.id),
		badges: (await badgesFor(user.id, business?.id)).filter((b) => !b.revokedAt).length
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const password = String((await event.request.formData()).get('password') ?? '');
		const refused = await deleteAccountWithPassword(user.id, password);
		if (typeof refused === 'object' && refused)
			return fail(429, {
				error: 'rate_limited' as const,
				minutes: Math.ceil(refused.rateLimited / 60_000)
			});
		if (refused) return fail(400, { error: refused });
		// Every session of the account is gone with it; this browser forgets its cookie too.
		deleteSessionCookie(event.cookies, event.url.protocol === 'https:');
		event.locals.user = null;
		event.locals.session = null;
		redirect(303, '/account/delete?selesai');
	}
};
