import { inArray, max, sql } from 'drizzle-orm';
import { formatPhone } from '$lib/contact';
import { db, table } from '$lib/server/db';
import { formatDay, formatShortDate } from '$lib/time';
import { toCsv, type Cell } from '$lib/server/export/csv';
import type { Cohort } from '$lib/server/db/schema';
import { membersOf } from '$lib/server/cohorts';
import { attendanceOf } from './attendance';
import { progressGrid } from './progress-grid';

// Column names and dates in Indonesian, dates in Bojonegoro's time ("4 Des 2026"): the files go
// into the Dinas activity report as they are.
const ID = 'id-ID';
const day = (d: Date | null | undefined) => (d ? formatShortDate(d, ID) : '');

/**
 * One row per participant: for each lesson the day it was finished, for each quiz the best
 * score (a number Excel can average) and the day it was passed, and how many items are done.
 */
export async function progressCsv(cohort: Cohort) {
	const [grid, members] = await Promise.all([progressGrid(cohort), membersOf(cohort.id)]);
	const byId = new Map(members.map((m) => [m.id, m]));
	const ids = members.map((m) => m.id);
	const [lessons, quizzes] = ids.length
		? await Promise.all([
				db
					.select({
						userId: table.lessonProgress.userId,
						course: table.lessonProgress.course,
						lesson: table.lessonProgress.lesson,
						at: table.lessonProgress.completedAt
					})
					.from(table.lessonProgress)
					.where(inArray(table.lessonProgress.userId, ids)),
				db
					.select({
						userId: table.quizAttempt.userId,
						course: table.quizAttempt.course,
						best: max(table.quizAttempt.score),
						passedAt: sql<
							number | null
						>`min(case when ${table.quizAttempt.passed} then ${table.quizAttempt.submittedAt} end)`
					})
					.from(table.quizAttempt)
					.where(inArray(table.quizAttempt.userId, ids))
					.groupBy(table.quizAttempt.userId, table.quizAttempt.course)
			])
		: [[], []];
	const finished = new Map(lessons.map((l) => [`${l.userId} ${l.course}/${l.lesson}`, l.at]));
	const quiz = new Map(quizzes.map((q) => [`${q.userId} ${q.course}/`, q]));
	const header = [
		'Nama',
		'Nomor HP',
		'Usaha',
		'Desa',
		...grid.columns.flatMap((c) =>
			c.kind === 'quiz'
				? [`Kuis: ${c.courseTitle} (nilai terbaik)`, `Kuis: ${c.courseTitle} (lulus)`]
				: [c.title]
		),
		`Selesai (dari ${grid.columns.length})`
	];
	const rows: Cell[][] = grid.rows.map((row) => {
		const member = byId.get(row.id);
		return [
			row.name,
			member?.phone ? formatPhone(member.phone) : '',
			row.business,
			member?.desa ?? '',
			...grid.columns.flatMap((c): Cell[] => {
				const key = `${row.id} ${c.key}`;
				if (c.kind === 'lesson') return [day(finished.get(key))];
				const q = quiz.get(key);
				if (!q) return ['', ''];
				return [q.best, q.passedAt === null ? 'belum lulus' : day(new Date(Number(q.passedAt)))];
			}),
			row.done
		];
	});
	return toCsv(header, rows);
}

/** One row per participant, one column per session day, and how many days they came. */
export async function attendanceCsv(cohort: Cohort) {
	const [members, records] = await Promise.all([membersOf(cohort.id), attendanceOf(cohort.id)]);
	const seen = new Map(records.map((r) => [`${r.userId} ${r.date}`, r.method]));
	const header = [
		'Nama',
		'Nomor HP',
		'Usaha',
		'Desa',
		...cohort.sessionDates.map((d) => formatDay(d, ID, { weekday: false })),
		'Jumlah hadir'
	];
	const rows: Cell[][] = members.map((m) => {
		const days = cohort.sessionDates.map((date) => seen.get(`${m.id} ${date}`));
		return [
			m.name,
			m.phone ? formatPhone(m.phone) : '',
			m.businessName ?? '',
			m.desa ?? '',
			...days.map((how) => (how === 'qr' ? 'hadir (QR)' : how === 'trainer' ? 'hadir' : '')),
			days.filter(Boolean).length
		];
	});
	return toCsv(header, rows);
}
