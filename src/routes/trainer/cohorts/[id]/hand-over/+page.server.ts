import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { cohortFor, handOverCohort, possibleTrainers } from '$lib/server/cohorts';
import type { Actions, PageServerLoad } from './$types';

/** Only an admin hands a cohort over: a trainer cannot give theirs (and its people) away. */
async function adminCohort(
	event: Pick<RequestEvent, 'locals' | 'url'> & { params: { id: string } }
) {
	const admin = requireAdmin(event);
	const cohort = await cohortFor(admin, event.params.id);
	if (!cohort) error(404, 'not found');
	return cohort;
}

export const load: PageServerLoad = async (event) => {
	const cohort = await adminCohort(event);
	const trainers = await possibleTrainers();
	return {
		cohort: { id: cohort.id, name: cohort.name },
		current: trainers.find((t) => t.id === cohort.trainerId)?.name ?? '',
		trainers: trainers.filter((t) => t.id !== cohort.trainerId)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const cohort = await adminCohort(event);
		const trainerId = String((await event.request.formData()).get('trainer') ?? '');
		if (trainerId === cohort.trainerId || !(await handOverCohort(cohort.id, trainerId)))
			return fail(400, { error: 'trainer_invalid' });
		redirect(303, `/trainer/cohorts/${cohort.id}?handedOver=1`);
	}
};
