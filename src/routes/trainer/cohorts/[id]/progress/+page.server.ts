import { trainerCohort } from '$lib/server/trainer/guard';
import { progressGrid } from '$lib/server/trainer/progress-grid';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { cohort } = await trainerCohort(event);
	return {
		cohort: { id: cohort.id, name: cohort.name },
		grid: await progressGrid(cohort),
		behind: event.url.searchParams.get('behind') === '1'
	};
};
