import { error, fail, redirect } from '@sveltejs/kit';
import { createFirstAdmin } from '$lib/server/auth/accounts';
import { isSetupDone, markSetupDone } from '$lib/server/auth/first-run';
import { startSession } from '$lib/server/auth/login';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	if (await isSetupDone()) error(404, 'not found');
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		if (await isSetupDone()) error(404, 'not found');
		const form = await request.formData();
		const input = {
			name: String(form.get('name') ?? ''),
			contact: String(form.get('contact') ?? ''),
			password: String(form.get('password') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		};
		const result = await createFirstAdmin(input);
		if ('errors' in result) {
			return fail(400, {
				values: { name: input.name.slice(0, 200), contact: input.contact.slice(0, 300) },
				errors: result.errors
			});
		}
		markSetupDone();
		await startSession(cookies, result.user.id, url);
		redirect(303, '/admin/users');
	}
};
