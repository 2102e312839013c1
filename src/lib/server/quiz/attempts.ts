import { and, count, eq, max } from 'drizzle-orm';
import { db, table, type Executor } from '$lib/server/db';
import type { GradedQuiz } from './grading';

/** Stores the attempt and every answer together, or nothing. */
export async function recordAttempt(
	userId: string,
	course: string,
	graded: GradedQuiz,
	submittedAt = new Date(),
	exec?: Executor
) {
	const id = crypto.randomUUID();
	const write = async (tx: Executor) => {
		await tx.insert(table.quizAttempt).values({
			id,
			userId,
			course,
			score: graded.score,
			passMark: graded.passMark,
			passed: graded.passed,
			questionCount: graded.questions.length,
			submittedAt
		});
		await tx.insert(table.quizAnswer).values(
			graded.questions.map((q) => ({
				attemptId: id,
				questionId: q.id,
				answer: JSON.stringify(q.given),
				score: q.score,
				correct: q.correct
			}))
		);
	};
	// Inside the caller's transaction when given one; otherwise in its own.
	if (exec) await write(exec);
	else await db.transaction(write);
	return id;
}

export type QuizStatus = { best: number; passed: boolean; attempts: number };

/** course slug → best score, whether any attempt passed, and how many attempts. */
export async function quizStatusByCourse(userId: string, course?: string) {
	const rows = await db
		.select({
			course: table.quizAttempt.course,
			best: max(table.quizAttempt.score),
			passed: max(table.quizAttempt.passed),
			attempts: count()
		})
		.from(table.quizAttempt)
		.where(
			course
				? and(eq(table.quizAttempt.userId, userId), eq(table.quizAttempt.course, course))
				: eq(table.quizAttempt.userId, userId)
		)
		.groupBy(table.quizAttempt.course);
	return new Map<string, QuizStatus>(
		rows.map((r) => [
			r.course,
			{ best: r.best ?? 0, passed: Boolean(r.passed), attempts: r.attempts }
		])
	);
}
