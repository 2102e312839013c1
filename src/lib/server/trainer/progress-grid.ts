import { and, eq, inArray, max, sql } from 'drizzle-orm';
import { findCourse } from '$lib/server/content/catalog';
import { findQuiz } from '$lib/server/quiz/bank';
import { db, table } from '$lib/server/db';
import type { Cohort } from '$lib/server/db/schema';

export type GridColumn = {
	/** `course/lesson` for a lesson, `course/` for the course's quiz. */
	key: string;
	kind: 'lesson' | 'quiz';
	course: string;
	courseTitle: string;
	title: string;
};

/**
 * One participant's row. `cells` has one character per column, kept as a string because a
 * grid of 1,000 × 30 travels to the projector (and is polled) as JSON: "1" done, "0" not yet;
 * for a quiz "P" passed, "F" tried but not passed.
 */
export type GridRow = { id: string; name: string; business: string; cells: string; done: number };

export type ProgressGrid = {
	columns: GridColumn[];
	rows: GridRow[];
	/** Participants who finished each column. */
	columnTotals: number[];
	/** Below the cohort's average of finished items: the trainer's "who is behind". */
	average: number;
};

export function gridColumns(courses: string[]): GridColumn[] {
	const columns: GridColumn[] = [];
	for (const slug of courses) {
		const course = findCourse(slug);
		if (!course) continue;
		for (const lesson of course.lessons)
			columns.push({
				key: `${slug}/${lesson.slug}`,
				kind: 'lesson',
				course: slug,
				courseTitle: course.title,
				title: lesson.title
			});
		if (findQuiz(slug))
			columns.push({
				key: `${slug}/`,
				kind: 'quiz',
				course: slug,
				courseTitle: course.title,
				title: course.title
			});
	}
	return columns;
}

/**
 * The whole grid in three queries whatever the cohort's size: members, their finished lessons
 * (one concatenated string per person) and their best quiz result per course.
 */
export async function progressGrid(cohort: Pick<Cohort, 'id' | 'courses'>): Promise<ProgressGrid> {
	const columns = gridColumns(cohort.courses);
	const memberIds = db
		.select({ id: table.cohortMember.userId })
		.from(table.cohortMember)
		.where(eq(table.cohortMember.cohortId, cohort.id));
	const courses = cohort.courses.length ? cohort.courses : [''];
	const [members, lessons, quizzes] = await Promise.all([
		db
			.select({ id: table.user.id, name: table.user.name, business: table.business.name })
			.from(table.cohortMember)
			.innerJoin(table.user, eq(table.user.id, table.cohortMember.userId))
			.leftJoin(table.business, eq(table.business.ownerId, table.user.id))
			.where(eq(table.cohortMember.cohortId, cohort.id))
			.orderBy(table.user.name),
		db
			.select({
				userId: table.lessonProgress.userId,
				done: sql<string>`group_concat(${table.lessonProgress.course} || '/' || ${table.lessonProgress.lesson}, '|')`
			})
			.from(table.lessonProgress)
			.where(
				and(
					inArray(table.lessonProgress.userId, memberIds),
					inArray(table.lessonProgress.course, courses)
				)
			)
			.groupBy(table.lessonProgress.userId),
		db
			.select({
				userId: table.quizAttempt.userId,
				course: table.quizAttempt.course,
				passed: max(table.quizAttempt.passed)
			})
			.from(table.quizAttempt)
			.where(
				and(
					inArray(table.quizAttempt.userId, memberIds),
					inArray(table.quizAttempt.course, courses)
				)
			)
			.groupBy(table.quizAttempt.userId, table.quizAttempt.course)
	]);

	const doneBy = new Map<string, Set<string>>();
	for (const row of lessons) doneBy.set(row.userId, new Set(row.done.split('|')));
	const quizBy = new Map<string, string>();
	for (const q of quizzes) quizBy.set(`${q.userId} ${q.course}/`, q.passed ? 'P' : 'F');

	const columnTotals = columns.map(() => 0);
	const rows: GridRow[] = members.map((member) => {
		const done = doneBy.get(member.id);
		let cells = '';
		let count = 0;
		columns.forEach((column, i) => {
			const cell =
				column.kind === 'lesson'
					? done?.has(column.key)
						? '1'
						: '0'
					: (quizBy.get(`${member.id} ${column.key}`) ?? '0');
			if (cell === '1' || cell === 'P') {
				count++;
				columnTotals[i]++;
			}
			cells += cell;
		});
		return {
			id: member.id,
			name: member.name,
			business: member.business ?? '',
			cells,
			done: count
		};
	});
	const average = rows.length ? rows.reduce((sum, r) => sum + r.done, 0) / rows.length : 0;
	return { columns, rows, columnTotals, average };
}

export function isBehind(row: GridRow, grid: Pick<ProgressGrid, 'average'>) {
	return row.done < grid.average;
}
