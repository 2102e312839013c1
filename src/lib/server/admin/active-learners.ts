import { and, eq, exists, gte, or, sql } from 'drizzle-orm';
import { db, table } from '$lib/server/db';
import { userInScope, type DashboardFilter } from './scope';

export const ACTIVE_DAYS = 30;

/**
 * Learners (accounts with the learner role) who opened or completed a lesson, answered a
 * practice question or submitted a quiz in the last 30 days, out of all learners in scope.
 * Each EXISTS reads an index on (user, time), so the count stays fast with many events.
 */
export async function activeLearners(filter: DashboardFilter, now = new Date()) {
	const { user: u, progressEvent: e, lessonProgress: l, quizAttempt: q } = table;
	const since = new Date(now.getTime() - ACTIVE_DAYS * 24 * 60 * 60 * 1000);
	const one = sql`1`;
	const active = or(
		exists(
			db
				.select({ one })
				.from(e)
				.where(and(eq(e.userId, u.id), gte(e.occurredAt, since)))
		),
		exists(
			db
				.select({ one })
				.from(l)
				.where(and(eq(l.userId, u.id), gte(l.completedAt, since)))
		),
		exists(
			db
				.select({ one })
				.from(q)
				.where(and(eq(q.userId, u.id), gte(q.submittedAt, since)))
		)
	);
	const [row] = await db
		.select({
			learners: sql<number>`count(*)`,
			active: sql<number>`coalesce(sum(case when ${active} then 1 else 0 end), 0)`
		})
		.from(u)
		.where(and(eq(u.role, 'learner'), userInScope(u.id, filter)));
	return { learners: Number(row.learners), active: Number(row.active), days: ACTIVE_DAYS };
}
