import { fail, redirect } from '@sveltejs/kit';
import { updateCohort } from '$lib/server/cohorts';
import { listCourses } from '$lib/server/content/catalog';
import { readCohortForm, validateCohort } from '$lib/server/trainer/cohort-form';
import { trainerCohort } from '$lib/server/trainer/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { cohort } = await trainerCohort(event);
	return {
		cohort: { id: cohort.id, name: cohort.name },
		values: {
			name: cohort.name,
			venue: cohort.venue,
			kecamatan: cohort.kecamatan,
			sessionDates: cohort.sessionDates,
			courses: cohort.courses
		},
		courses: listCourses().map((c) => ({ slug: c.slug, title: c.title }))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { cohort } = await trainerCohort(event);
		const values = readCohortForm(await event.request.formData());
		const result = validateCohort(values);
		if ('errors' in result) return fail(400, { values, errors: result.errors });
		await updateCohort(cohort.id, result.value);
		redirect(303, `/trainer/cohorts/${cohort.id}`);
	}
};
