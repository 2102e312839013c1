import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireUser, safeNext } from '$lib/server/auth/guard';
import { startSession } from '$lib/server/auth/login';
import { mustChangePassword, setOwnPassword } from '$lib/server/auth/one-time';
import type { Actions, PageServerLoad } from './$types';

/**
 * Only after a one-time code: this form asks for no current password, so everyone else
 * changes theirs on the account page, which does.
 */
async function requireOneTimeSignIn(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const user = requireUser(event);
	if (!(await mustChangePassword(user.id))) redirect(303, '/account');
	return user;
}

export const load: PageServerLoad = async (event) => {
	await requireOneTimeSignIn(event);
};

export const actions: Actions = {
	default: async (event) => {
		const user = await requireOneTimeSignIn(event);
		const form = await event.request.formData();
		const result = await setOwnPassword(
			user.id,
			String(form.get('password') ?? ''),
			String(form.get('confirm') ?? '')
		);
		// Passwords are never sent back to the page.
		if ('errors' in result) return fail(400, { errors: result.errors });
		// All sessions ended with the old code; this device carries on with a fresh one.
		await startSession(event.cookies, user.id, event.url);
		redirect(303, safeNext(event.url.searchParams.get('next'), '/'));
	}
};
