import { m } from '$lib/paraglide/messages';
import { dashboardNumbers } from '$lib/server/admin/dashboard';
import { dashboardCsv } from '$lib/server/admin/dashboard-csv';
import { cohortOptions, parseFilter } from '$lib/server/admin/scope';
import { requireAdmin } from '$lib/server/auth/guard';
import { csvResponse } from '$lib/server/export/csv';
import { dayOf } from '$lib/time';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireAdmin(event);
	const cohorts = await cohortOptions();
	const filter = parseFilter(event.url.searchParams, cohorts);
	const numbers = await dashboardNumbers(filter);
	const csv = dashboardCsv(
		numbers,
		{
			kecamatan: filter.kecamatan,
			cohortName: cohorts.find((c) => c.id === filter.cohortId)?.name ?? null
		},
		{
			header: [m.admin_csv_section(), m.admin_csv_row(), m.admin_csv_column(), m.admin_csv_value()],
			filter: m.admin_csv_filter(),
			kecamatan: m.admin_col_kecamatan(),
			cohort: m.admin_filter_cohort(),
			all: m.admin_status_all(),
			tiers: m.admin_tiers_title(),
			tierNone: m.admin_tier_none(),
			total: m.admin_row_all(),
			badges: m.admin_badges_title(),
			courseBadges: m.admin_col_course_badges(),
			tierBadges: m.admin_col_tier_badges(),
			active: m.admin_active_title(),
			learners: m.admin_csv_learners(),
			completion: m.admin_completion_title(),
			started: m.admin_col_started(),
			completed: m.admin_col_completed(),
			rate: m.admin_col_rate()
		}
	);
	const day = dayOf();
	const scope = [filter.kecamatan, filter.cohortId && 'kelas'].filter(Boolean).join('-');
	return csvResponse(`naik-kelas-dasbor${scope ? `-${scope}` : ''}-${day}`, csv);
};
