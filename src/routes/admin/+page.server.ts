import { dashboardNumbers } from '$lib/server/admin/dashboard';
import { cohortOptions, parseFilter } from '$lib/server/admin/scope';
import { requireAdmin } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const cohorts = await cohortOptions();
	const filter = parseFilter(event.url.searchParams, cohorts);
	return { cohorts, filter, numbers: await dashboardNumbers(filter) };
};
