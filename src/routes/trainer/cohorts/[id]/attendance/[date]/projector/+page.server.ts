import { error } from '@sveltejs/kit';
import { count, and, eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { db, table } from '$lib/server/db';
import { publicBaseUrl } from '$lib/server/public-url';
import { currentCheckin, isSessionToday } from '$lib/server/trainer/attendance';
import { trainerCohort } from '$lib/server/trainer/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { cohort } = await trainerCohort(event);
	const date = event.params.date;
	if (!cohort.sessionDates.includes(date)) error(404, 'not found');
	const base = publicBaseUrl(event.url);
	// A code works only on its session day: another day's page says so instead of showing one.
	if (!isSessionToday(date))
		return { cohort: { id: cohort.id, name: cohort.name }, date, notToday: true as const };
	const { code, changesAt } = currentCheckin(cohort.id, date);
	const [{ n }] = await db
		.select({ n: count() })
		.from(table.attendance)
		.where(and(eq(table.attendance.cohortId, cohort.id), eq(table.attendance.date, date)));
	return {
		cohort: { id: cohort.id, name: cohort.name },
		date,
		notToday: false as const,
		checkinUrl: `${base.replace(/^https?:\/\//, '')}/checkin`,
		code,
		changesAt,
		present: n,
		qrSvg: await QRCode.toString(`${base}/checkin?code=${code}`, { type: 'svg', margin: 1 })
	};
};
