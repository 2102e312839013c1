import { error, redirect } from '@sveltejs/kit';
import { loginUrl } from '$lib/server/auth/guard';
import { findByCode, join } from '$lib/server/cohorts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const cohort = await findByCode(params.code);
	if (!cohort) error(404, 'not found');
	return { cohort: { name: cohort.name, code: cohort.joinCode } };
};

export const actions: Actions = {
	default: async ({ params, locals, url }) => {
		const cohort = await findByCode(params.code);
		if (!cohort) error(404, 'not found');
		if (!locals.user) redirect(303, loginUrl(url));
		await join(cohort.id, locals.user.id);
		return { joined: true };
	}
};
