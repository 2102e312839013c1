import { activeLearners } from './active-learners';
import { badgesByMonth } from './badges-by-month';
import { completionByCourse } from './completion';
import type { DashboardFilter } from './scope';
import { businessesByTier } from './tiers-by-kecamatan';

/** Every number on the admin dashboard, for one filter; the page and the CSV share it. */
export async function dashboardNumbers(filter: DashboardFilter, now = new Date()) {
	const [tiers, badges, active, completion] = await Promise.all([
		businessesByTier(filter),
		badgesByMonth(filter, now),
		activeLearners(filter, now),
		completionByCourse(filter)
	]);
	return { tiers, badges, active, completion };
}

export type DashboardNumbers = Awaited<ReturnType<typeof dashboardNumbers>>;
