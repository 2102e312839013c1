import { error, type RequestEvent } from '@sveltejs/kit';
import { requireTrainer } from '$lib/server/auth/guard';
import { cohortFor } from '$lib/server/cohorts';

/**
 * The cohort named in the URL, for its own trainer or an admin. Anyone else's cohort is a 404,
 * not a 403: a trainer cannot even learn that the id exists.
 */
export async function trainerCohort(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'> & { params: { id?: string } }
) {
	const user = requireTrainer(event);
	const cohort = await cohortFor(user, event.params.id ?? '');
	if (!cohort) error(404, 'not found');
	return { user, cohort };
}
