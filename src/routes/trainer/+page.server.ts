import { fail, redirect } from '@sveltejs/kit';
import { requireTrainer } from '$lib/server/auth/guard';
import { cohortsFor, createCohort } from '$lib/server/cohorts';
import { listCourses } from '$lib/server/content/catalog';
import { readCohortForm, validateCohort } from '$lib/server/trainer/cohort-form';
import { rechecksFor } from '$lib/server/tiers/recheck';
import { publicAddress } from '$lib/server/host';
import { reviewQueue } from '$lib/server/tiers/review';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireTrainer(event);
	return {
		cohorts: await cohortsFor(user),
		waiting: (await reviewQueue(user)).length,
		recheck: (await rechecksFor(user)).length,
		courses: listCourses().map((c) => ({ slug: c.slug, title: c.title })),
		address: publicAddress(event.url)
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireTrainer(event);
		const values = readCohortForm(await event.request.formData());
		const result = validateCohort(values);
		if ('errors' in result) return fail(400, { values, errors: result.errors });
		const cohort = await createCohort(user.id, result.value);
		redirect(303, `/trainer/cohorts/${cohort.id}`);
	}
};
