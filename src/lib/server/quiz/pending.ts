import type { Cookies } from '@sveltejs/kit';
import type { Answers } from './grading';

/**
 * A guest who submits a quiz is sent to log in; their answers wait in a short-lived cookie
 * on the quiz's own path, so they are back in the form when the learner returns.
 */
const NAME = 'nk-quiz-answers';
const path = (course: string) => `/courses/${course}/quiz`;

export type Pending = { order: string[]; answers: Answers };

export function keepPending(cookies: Cookies, course: string, pending: Pending, secure: boolean) {
	cookies.set(NAME, JSON.stringify(pending), {
		path: path(course),
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: 60 * 60
	});
}

export function readPending(cookies: Cookies): Pending | null {
	const raw = cookies.get(NAME);
	if (!raw) return null;
	try {
		const value = JSON.parse(raw);
		const okOrder =
			Array.isArray(value?.order) && value.order.every((x: unknown) => typeof x === 'string');
		const okAnswers =
			value?.answers &&
			typeof value.answers === 'object' &&
			Object.values(value.answers).every(
				(a) => Array.isArray(a) && a.every((x) => typeof x === 'string')
			);
		return okOrder && okAnswers ? (value as Pending) : null;
	} catch {
		return null;
	}
}

export function clearPending(cookies: Cookies, course: string) {
	cookies.delete(NAME, { path: path(course) });
}
