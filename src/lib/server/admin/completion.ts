import { and, count, eq, isNull } from 'drizzle-orm';
import { listCourses } from '$lib/server/content/catalog';
import { db, table } from '$lib/server/db';
import { userInScope, type DashboardFilter } from './scope';

/**
 * Per course: learners who started it (a lesson done or the quiz tried) and learners who
 * completed it (hold its course badge, not revoked: every lesson done and the quiz passed).
 * The rate is completed ÷ started, in whole percent; null when nobody started.
 */
export async function completionByCourse(filter: DashboardFilter) {
	const { user: u, lessonProgress: l, quizAttempt: q, badge: g } = table;
	const learnerInScope = and(eq(u.role, 'learner'), userInScope(u.id, filter));
	// The filter goes inside each half, so a kecamatan or cohort reads only its own rows; the
	// primary key (user, course, lesson) gives the pairs in order without a sort.
	const starts = db
		.select({ userId: l.userId, course: l.course })
		.from(l)
		.where(userInScope(l.userId, filter))
		.groupBy(l.userId, l.course)
		.union(
			db
				.select({ userId: q.userId, course: q.course })
				.from(q)
				.where(userInScope(q.userId, filter))
				.groupBy(q.userId, q.course)
		)
		.as('starts');
	const started = await db
		.select({ course: starts.course, n: count() })
		.from(starts)
		.innerJoin(u, eq(u.id, starts.userId))
		.where(eq(u.role, 'learner'))
		.groupBy(starts.course);
	const completed = await db
		.select({ course: g.achievement, n: count() })
		.from(g)
		.innerJoin(u, eq(u.id, g.userId))
		.where(and(eq(g.kind, 'course'), isNull(g.revokedAt), learnerInScope))
		.groupBy(g.achievement);
	return listCourses().map((c) => {
		const s = started.find((r) => r.course === c.slug)?.n ?? 0;
		const done = completed.find((r) => r.course === c.slug)?.n ?? 0;
		const startedCount = Math.max(s, done);
		return {
			slug: c.slug,
			title: c.title,
			started: startedCount,
			completed: done,
			rate: startedCount ? Math.round((done / startedCount) * 100) : null
		};
	});
}

export type Completion = Awaited<ReturnType<typeof completionByCourse>>;
