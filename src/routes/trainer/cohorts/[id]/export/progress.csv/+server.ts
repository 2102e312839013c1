import { csvResponse } from '$lib/server/export/csv';
import { progressCsv } from '$lib/server/trainer/exports';
import { trainerCohort } from '$lib/server/trainer/guard';
import { dayOf } from '$lib/time';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { cohort } = await trainerCohort(event);
	return csvResponse(`kemajuan-${cohort.name}-${dayOf()}`, await progressCsv(cohort));
};
