import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import { db, ensureDatabase, table } from '$lib/server/db';
import { quizStatusByCourse, recordAttempt } from '$lib/server/quiz/attempts';
import { findQuiz } from '$lib/server/quiz/bank';
import { gradeQuiz } from '$lib/server/quiz/grading';

let userId: string;
beforeAll(async () => {
	await ensureDatabase();
	const result = await registerUser({
		name: 'Bu Yati',
		contact: '0813 2222 3333',
		password: 'keripik tempe kapas',
		confirm: 'keripik tempe kapas'
	});
	userId = result.user!.id;
});

const rows = async () => ({
	attempts: (await db.select({ n: count() }).from(table.quizAttempt))[0].n,
	answers: (await db.select({ n: count() }).from(table.quizAnswer))[0].n
});

describe('the shipped quizzes', () => {
	it('load for every course, with their answer keys on the server', () => {
		for (const slug of [
			'manajemen-usaha',
			'pemasaran-digital',
			'kemasan-merek',
			'legalitas-naik-kelas'
		]) {
			const quiz = findQuiz(slug);
			expect(quiz?.questions.length).toBeGreaterThanOrEqual(8);
			expect(quiz?.pass).toBe(70);
		}
	});
});

describe('quiz attempts', () => {
	const quiz = findQuiz('manajemen-usaha')!;
	const wrong = Object.fromEntries(quiz.questions.map((q) => [q.id, ['x']]));
	const right = Object.fromEntries(
		quiz.questions.map((q) => [q.id, Array.isArray(q.answer) ? q.answer : [String(q.answer)]])
	);

	it('stores every attempt with its answers and the pass mark copied in; keeps the best score', async () => {
		await recordAttempt(userId, 'manajemen-usaha', gradeQuiz(quiz, wrong));
		const passed = gradeQuiz(quiz, right);
		expect(passed).toMatchObject({ score: 100, passed: true });
		await recordAttempt(userId, 'manajemen-usaha', passed);
		await recordAttempt(userId, 'manajemen-usaha', gradeQuiz(quiz, wrong));

		const status = (await quizStatusByCourse(userId)).get('manajemen-usaha');
		expect(status).toEqual({ best: 100, passed: true, attempts: 3 });
		expect(await rows()).toEqual({ attempts: 3, answers: 3 * quiz.questions.length });
		const attempts = await db.select().from(table.quizAttempt);
		expect(
			attempts.every((a) => a.passMark === 70 && a.questionCount === quiz.questions.length)
		).toBe(true);
	});

	it('stores nothing when an answer cannot be written', async () => {
		const before = await rows();
		const graded = gradeQuiz(quiz, right);
		// two answers to one question break the answer table's key halfway through
		graded.questions.push({ ...graded.questions[0] });
		await expect(recordAttempt(userId, 'manajemen-usaha', graded)).rejects.toThrow();
		expect(await rows()).toEqual(before);
	});
});
