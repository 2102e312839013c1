import { sql } from 'drizzle-orm';
import { findCourse } from '$lib/server/content/catalog';
import { findQuiz } from '$lib/server/quiz/bank';
import { db } from '$lib/server/db';
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

type MemberProgress = {
	id: string;
	name: string;
	business: string | null;
	/** `course/lesson|course/lesson…` */
	done: string | null;
	/** `course:1|course:0…`: best result per quiz, 1 when any attempt passed. */
	quiz: string | null;
};

/**
 * The whole grid in one query whatever the cohort's size: a row per member with their finished
 * lessons and quiz results folded into two strings by SQLite. Turning rows into JavaScript
 * objects is what costs on a small server, so 1,000 rows, not 30,000.
 */
export async function progressGrid(cohort: Pick<Cohort, 'id' | 'courses'>): Promise<ProgressGrid> {
	const columns = gridColumns(cohort.courses);
	const courses = sql.join(
		(cohort.courses.length ? cohort.courses : ['']).map((c) => sql`${c}`),
		sql`, `
	);
	const members = await db.all<MemberProgress>(sql`
		select u.id as id, u.name as name, b.name as business,
			(select group_concat(lp.course || '/' || lp.lesson, '|') from lesson_progress lp
				where lp.user_id = u.id and lp.course in (${courses})) as done,
			(select group_concat(q.course || ':' || q.passed, '|') from (
				select course, max(passed) as passed from quiz_attempt
				where user_id = u.id and course in (${courses}) group by course) q) as quiz
		from cohort_member m
		join user u on u.id = m.user_id
		left join business b on b.owner_id = u.id
		where m.cohort_id = ${cohort.id}
		order by u.name`);

	const columnTotals = columns.map(() => 0);
	const rows: GridRow[] = members.map((member) => {
		const done = new Set(member.done?.split('|'));
		const quiz = new Map(
			member.quiz?.split('|').map((q) => {
				const [course, passed] = q.split(':');
				return [`${course}/`, passed === '1' ? 'P' : 'F'];
			})
		);
		let cells = '';
		let count = 0;
		columns.forEach((column, i) => {
			const cell =
				column.kind === 'lesson'
					? done.has(column.key)
						? '1'
						: '0'
					: (quiz.get(column.key) ?? '0');
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
