import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { isKecamatan, type Kecamatan } from '$lib/bojonegoro';
import { db, table } from '$lib/server/db';

/** What the dashboard is narrowed to; null means every kecamatan or every cohort. */
export type DashboardFilter = { kecamatan: Kecamatan | null; cohortId: string | null };

export const NO_FILTER: DashboardFilter = { kecamatan: null, cohortId: null };

/** Every cohort, newest first, for the filter's list. */
export async function cohortOptions() {
	return db
		.select({ id: table.cohort.id, name: table.cohort.name })
		.from(table.cohort)
		.orderBy(desc(table.cohort.createdAt));
}

/** The filter from the query string; an unknown kecamatan or cohort is ignored, not trusted. */
export function parseFilter(params: URLSearchParams, cohorts: { id: string }[]): DashboardFilter {
	const kecamatan = params.get('kecamatan') ?? '';
	const cohortId = params.get('cohort') ?? '';
	return {
		kecamatan: isKecamatan(kecamatan) ? kecamatan : null,
		cohortId: cohorts.some((c) => c.id === cohortId) ? cohortId : null
	};
}

/**
 * A condition on a user id: the user has a business in the kecamatan and is a member of the
 * cohort. Subqueries, so the database does the narrowing whatever the number of users.
 */
export function userInScope(userId: AnySQLiteColumn, filter: DashboardFilter): SQL | undefined {
	const { business, cohortMember } = table;
	return and(
		filter.kecamatan
			? inArray(
					userId,
					db
						.select({ id: business.ownerId })
						.from(business)
						.where(eq(business.kecamatan, filter.kecamatan))
				)
			: undefined,
		filter.cohortId
			? inArray(
					userId,
					db
						.select({ id: cohortMember.userId })
						.from(cohortMember)
						.where(eq(cohortMember.cohortId, filter.cohortId))
				)
			: undefined
	);
}
