import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cookies } from '@sveltejs/kit';
import { registerUser } from '$lib/server/auth/accounts';
import { db, ensureDatabase, table } from '$lib/server/db';
import { findCourse } from '$lib/server/content/catalog';
import { findQuiz } from '$lib/server/quiz/bank';
import * as lessonPage from '../../src/routes/courses/[course]/[lesson]/+page.server';
import * as quizPage from '../../src/routes/courses/[course]/quiz/+page.server';

/**
 * Learners without JavaScript post the lesson and quiz forms; their progress must be written
 * the way a synced phone's is (one path, `record()`), event rows included.
 */
const COURSE = 'manajemen-usaha';
let user: { id: string; name: string; role: 'learner' };

const cookies = (): Cookies =>
	({
		get: () => undefined,
		getAll: () => [],
		set: () => {},
		delete: () => {},
		serialize: () => ''
	}) as unknown as Cookies;

function formEvent(path: string, params: Record<string, string>, fields: [string, string][] = []) {
	const url = new URL(`http://localhost${path}`);
	return {
		request: new Request(url, {
			method: 'POST',
			body: new URLSearchParams(fields).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		}),
		url,
		params,
		locals: { user, session: null },
		cookies: cookies(),
		getClientAddress: () => '10.5.0.1',
		setHeaders: () => {}
	} as never;
}

const eventsOf = (kind: 'lesson_completed' | 'quiz_submitted') =>
	db
		.select()
		.from(table.progressEvent)
		.where(and(eq(table.progressEvent.userId, user.id), eq(table.progressEvent.kind, kind)));

beforeAll(async () => {
	await ensureDatabase();
	const r = await registerUser({
		name: 'Bu Tini',
		contact: '0812 7777 0001',
		password: 'ledre pisang raja',
		confirm: 'ledre pisang raja'
	});
	user = { id: r.user!.id, name: 'Bu Tini', role: 'learner' };
});

describe('progress posted without JavaScript', () => {
	it('leaves an event row for every lesson completed with the form, and the badge at the end', async () => {
		const course = findCourse(COURSE)!;
		const quiz = findQuiz(COURSE)!;
		const right = quiz.questions.flatMap((q) =>
			(Array.isArray(q.answer) ? q.answer : [String(q.answer)]).map(
				(a) => [`q.${q.id}`, a] as [string, string]
			)
		);
		const graded = await quizPage.actions.default(
			formEvent(`/courses/${COURSE}/quiz`, { course: COURSE }, right)
		);
		expect(graded).toMatchObject({ result: { score: 100, passed: true }, badge: null });
		const quizEvents = await eventsOf('quiz_submitted');
		expect(quizEvents).toHaveLength(1);
		expect(JSON.parse(quizEvents[0].payload!).version).toBeTruthy();

		let last: unknown;
		for (const lesson of course.lessons)
			last = await lessonPage.actions.complete(
				formEvent(`/courses/${COURSE}/${lesson.slug}?/complete`, {
					course: COURSE,
					lesson: lesson.slug
				})
			);
		const completed = await eventsOf('lesson_completed');
		expect(completed.map((e) => e.lesson).sort()).toEqual(course.lessons.map((l) => l.slug).sort());
		// One device for the account's form posts, not a new one per form.
		expect(new Set([...completed, ...quizEvents].map((e) => e.deviceId)).size).toBe(1);
		// The last lesson completed the course: the badge comes with the answer, as from sync.
		expect(last).toMatchObject({ completed: true, badge: { name: expect.any(String) } });
	});
});
