import { fail, redirect } from '@sveltejs/kit';
import { requireUser, safeNext } from '$lib/server/auth/guard';
import { startSession } from '$lib/server/auth/login';
import { setOwnPassword } from '$lib/server/auth/one-time';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireUser(event);
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
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
