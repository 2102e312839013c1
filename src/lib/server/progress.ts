import { and, eq, sql } from 'drizzle-orm';
import { db, table, type Executor } from '$lib/server/db';
import { hotRead } from '$lib/server/db/hot-reads';

/** Marks a lesson done once; marking it again keeps the first completion time. */
export async function markLessonDone(
	userId: string,
	course: string,
	lesson: string,
	completedAt = new Date(),
	exec: Executor = db
) {
	await exec
		.insert(table.lessonProgress)
		.values({ userId, course, lesson, completedAt })
		.onConflictDoNothing();
}

export async function completedLessons(userId: string, course?: string) {
	const rows = await db
		.select()
		.from(table.lessonProgress)
		.where(
			course
				? and(eq(table.lessonProgress.userId, userId), eq(table.lessonProgress.course, course))
				: eq(table.lessonProgress.userId, userId)
		);
	return rows;
}

// Asked on every signed-in lesson and course page: prepared once (see db/hot-reads).
const lessonField = { lesson: table.lessonProgress.lesson };
const lessonsDoneInCourse = hotRead(
	db
		.select(lessonField)
		.from(table.lessonProgress)
		.where(
			and(
				eq(table.lessonProgress.userId, sql.placeholder('userId')),
				eq(table.lessonProgress.course, sql.placeholder('course'))
			)
		),
	lessonField
);

/** The lessons of one course a learner has completed; empty for a guest. */
export async function doneInCourse(userId: string | undefined, course: string) {
	if (!userId) return new Set<string>();
	return new Set((await lessonsDoneInCourse({ userId, course })).map((r) => r.lesson));
}

/** course slug → set of completed lesson slugs */
export async function progressByCourse(userId: string) {
	const map = new Map<string, Set<string>>();
	for (const row of await completedLessons(userId)) {
		if (!map.has(row.course)) map.set(row.course, new Set());
		map.get(row.course)!.add(row.lesson);
	}
	return map;
}
