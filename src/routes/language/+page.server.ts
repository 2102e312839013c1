import { redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/server/auth/guard';
import { locales } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	/** Works without JavaScript: a cookie for the choice, then back to the same page. */
	switch: async ({ request, cookies }) => {
		const form = await request.formData();
		const locale = String(form.get('locale'));
		if ((locales as readonly string[]).includes(locale)) {
			cookies.set('nk-lang', locale, {
				path: '/',
				maxAge: 60 * 60 * 24 * 400,
				sameSite: 'lax',
				httpOnly: false
			});
		}
		redirect(303, safeNext(String(form.get('next') ?? '/')));
	}
};
