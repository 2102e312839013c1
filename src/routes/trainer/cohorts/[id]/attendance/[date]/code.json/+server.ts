import { error, json } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { count, and, eq } from 'drizzle-orm';
import { db, table } from '$lib/server/db';
import { publicBaseUrl } from '$lib/server/public-url';
import { currentCheckin, isSessionToday } from '$lib/server/trainer/attendance';
import { trainerCohort } from '$lib/server/trainer/guard';
import type { RequestHandler } from './$types';

/** The projector asks for the code of this minute, its QR and how many have checked in. */
export const GET: RequestHandler = async (event) => {
	const { cohort } = await trainerCohort(event);
	const date = event.params.date;
	if (!cohort.sessionDates.includes(date)) error(404, 'not found');
	// A code works only on its session day: none is made for another day.
	if (!isSessionToday(date))
		return json(
			{ error: 'not_session_day', message: 'Kode hadir hanya berlaku pada hari sesi itu.' },
			{ status: 409, headers: { 'cache-control': 'no-store' } }
		);
	const { code, changesAt } = currentCheckin(cohort.id, date);
	const url = `${publicBaseUrl(event.url)}/checkin?code=${code}`;
	const [{ n }] = await db
		.select({ n: count() })
		.from(table.attendance)
		.where(and(eq(table.attendance.cohortId, cohort.id), eq(table.attendance.date, date)));
	return json(
		{ code, changesAt, qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1 }), present: n },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
