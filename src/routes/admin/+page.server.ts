import { dashboardNumbers } from '$lib/server/admin/dashboard';
import { cohortOptions, parseFilter } from '$lib/server/admin/scope';
import { requireAdmin } from '$lib/server/auth/guard';
import { rechecksFor } from '$lib/server/tiers/recheck';
import { partnersWithCounts } from '$lib/server/partners/registry';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const admin = requireAdmin(event);
	const cohorts = await cohortOptions();
	const filter = parseFilter(event.url.searchParams, cohorts);
	const partners = (await partnersWithCounts()).map(({ id, name, learners, completions }) => ({
		id,
		name,
		learners,
		completions
	}));
	return {
		cohorts,
		filter,
		numbers: await dashboardNumbers(filter),
		partners,
		recheck: (await rechecksFor(admin)).length
	};
};
