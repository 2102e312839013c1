import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_ALPHABET, cleanCode } from '$lib/server/cohorts';
import { dataDir } from '$lib/server/data-dir';
import { db, table } from '$lib/server/db';

const MINUTE = 60_000;

let secret: Buffer | undefined;
/**
 * The key behind check-in codes: CHECKIN_SECRET, or made at first use and kept in the data
 * directory, so every app instance sharing that directory makes the same codes.
 */
function checkinSecret() {
	if (secret) return secret;
	if (process.env.CHECKIN_SECRET) return (secret = Buffer.from(process.env.CHECKIN_SECRET));
	const file = join(dataDir(), 'checkin-secret');
	if (!existsSync(file)) {
		try {
			writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
		} catch {
			// Another instance wrote it first: use theirs.
		}
	}
	return (secret = Buffer.from(readFileSync(file, 'utf8').trim()));
}

export function minuteOf(now: number) {
	return Math.floor(now / MINUTE);
}

// The bimtek halls are in Bojonegoro: a session day is a day in WIB, whatever the server's zone.
// (The shared time module, once there, is the one place for this zone.)
const SESSION_DAY = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Asia/Jakarta',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** The session day (`2026-12-07`) it is at `now` in the halls' time zone. */
export function sessionDayOf(now: number) {
	return SESSION_DAY.format(now);
}

/** Check-in codes exist only on the session day they are for. */
export const isSessionToday = (date: string, now = Date.now()) => date === sessionDayOf(now);

/** A 6-character code bound to cohort, session day and minute: a photo of it dies within two minutes. */
export function checkinCode(cohortId: string, date: string, minute: number) {
	const mac = createHmac('sha256', checkinSecret())
		.update(`${cohortId}|${date}|${minute}`)
		.digest();
	return Array.from(mac.subarray(0, 6), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/** What the projector shows now, and when it changes. */
export function currentCheckin(cohortId: string, date: string, now = Date.now()) {
	const minute = minuteOf(now);
	return { code: checkinCode(cohortId, date, minute), changesAt: (minute + 1) * MINUTE };
}

function same(a: string, b: string) {
	return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Checks a participant in with the code they scanned or typed. The code is looked for among
 * the participant's own cohorts that have a session today, for today only (a code projected
 * for next week's session, or last week's, marks nobody present today) and for this minute
 * and the one before (a scan just before the change, or a slow phone). Returns the cohort and
 * day, or null.
 */
export async function checkIn(userId: string, typed: string, now = Date.now()) {
	const code = cleanCode(typed);
	if (!/^[A-Z0-9]{6}$/.test(code)) return null;
	const cohorts = await db
		.select({ id: table.cohort.id, name: table.cohort.name, dates: table.cohort.sessionDates })
		.from(table.cohortMember)
		.innerJoin(table.cohort, eq(table.cohort.id, table.cohortMember.cohortId))
		.where(eq(table.cohortMember.userId, userId));
	const minute = minuteOf(now);
	const date = sessionDayOf(now);
	for (const cohort of cohorts)
		if (cohort.dates.includes(date))
			for (const m of [minute, minute - 1])
				if (same(checkinCode(cohort.id, date, m), code)) {
					await db
						.insert(table.attendance)
						.values({ cohortId: cohort.id, userId, date, method: 'qr', checkedAt: new Date(now) })
						.onConflictDoNothing();
					return { cohortName: cohort.name, date };
				}
	return null;
}

/** The trainer's ticks for one day: ticked members are present, the others are not. */
export async function setAttendance(
	cohortId: string,
	date: string,
	memberIds: string[],
	presentIds: string[],
	now = Date.now()
) {
	const present = presentIds.filter((id) => memberIds.includes(id));
	await db.transaction(async (tx) => {
		if (present.length)
			await tx
				.insert(table.attendance)
				.values(
					present.map((userId) => ({
						cohortId,
						userId,
						date,
						method: 'trainer' as const,
						checkedAt: new Date(now)
					}))
				)
				.onConflictDoNothing();
		await tx
			.delete(table.attendance)
			.where(
				and(
					eq(table.attendance.cohortId, cohortId),
					eq(table.attendance.date, date),
					present.length ? notInArray(table.attendance.userId, present) : undefined
				)
			);
	});
}

export async function attendanceOf(cohortId: string, dates?: string[]) {
	return db
		.select()
		.from(table.attendance)
		.where(
			and(
				eq(table.attendance.cohortId, cohortId),
				dates ? inArray(table.attendance.date, dates) : undefined
			)
		);
}
