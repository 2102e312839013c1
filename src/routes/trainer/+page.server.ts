import { fail, redirect } from '@sveltejs/kit';
import { requireTrainer } from '$lib/server/auth/guard';
import { cohortsFor, createCohort } from '$lib/server/cohorts';
import { reviewQueue } from '$lib/server/tiers/review';
import { cleanText } from '$lib/server/text';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireTrainer(event);
	return { cohorts: await cohortsFor(user), waiting: (await reviewQueue(user)).length };
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireTrainer(event);
		const name = cleanText((await event.request.formData()).get('name'));
		if (!name || name.length > 100) return fail(400, { nameError: true, name: name.slice(0, 100) });
		const cohort = await createCohort(user.id, name);
		redirect(303, `/trainer/cohorts/${cohort.id}`);
	}
};
