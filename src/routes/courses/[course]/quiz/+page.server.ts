import { error, fail, redirect } from '@sveltejs/kit';
import { loginUrl } from '$lib/server/auth/guard';
import { publicBaseUrl } from '$lib/server/public-url';
import { findCourse } from '$lib/server/content/catalog';
import { quizStatusByCourse } from '$lib/server/quiz/attempts';
import { findQuiz, quizVersion, rememberQuizVersion } from '$lib/server/quiz/bank';
import { readAnswers, validateAnswers } from '$lib/server/quiz/grading';
import { formDeviceId, record } from '$lib/server/sync/ingest';
import { clearPending, keepPending, readPending } from '$lib/server/quiz/pending';
import { presentQuiz } from '$lib/server/quiz/present';
import type { Actions, PageServerLoad } from './$types';

function lookup(slug: string) {
	const course = findCourse(slug);
	const quiz = findQuiz(slug);
	if (!course || !quiz) error(404, 'not found');
	return { course, quiz };
}

export const load: PageServerLoad = async ({ params, locals, cookies }) => {
	const { course, quiz } = lookup(params.course);
	const pending = locals.user ? readPending(cookies) : null;
	await rememberQuizVersion(course.slug);
	const status = locals.user
		? (await quizStatusByCourse(locals.user.id, course.slug)).get(course.slug)
		: undefined;
	return {
		course: { slug: course.slug, title: course.title },
		passMark: quiz.pass,
		version: quizVersion(course.slug)!,
		questions: presentQuiz(quiz, pending?.order),
		pending: pending?.answers ?? null,
		status: status ?? null
	};
};

export const actions: Actions = {
	default: async ({ params, locals, request, cookies, url }) => {
		const { course, quiz } = lookup(params.course);
		const form = await request.formData();
		const order = String(form.get('order') ?? '')
			.split(',')
			.filter(Boolean);
		const answers = readAnswers(form);
		if ('error' in answers) return fail(400, { formError: answers.error, order, answers: {} });

		const problem = validateAnswers(quiz, answers);
		if (problem?.kind === 'form') return fail(400, { formError: problem.error, order, answers });
		if (problem) return fail(400, { errors: problem.errors, order, answers });

		if (!locals.user) {
			// Nothing is graded or stored for a guest; the answers wait for the login.
			keepPending(cookies, course.slug, { order, answers }, url.protocol === 'https:');
			redirect(303, loginUrl(url));
		}

		// The same write path as a quiz synced from the outbox: graded against the current version.
		await rememberQuizVersion(course.slug);
		const { results, awarded, rejected } = await record(
			[
				{
					id: crypto.randomUUID(),
					kind: 'quiz_submitted',
					course: course.slug,
					lesson: null,
					at: new Date(),
					payload: { answers, version: quizVersion(course.slug)! }
				}
			],
			{
				userId: locals.user.id,
				deviceId: formDeviceId(locals.user.id, cookies.get('nk-device')),
				baseUrl: publicBaseUrl(url)
			}
		);
		const graded = results[0]?.graded;
		// (Checked above already; record() checks again, as it does for every source.)
		if (!graded) return fail(400, { formError: rejected[0]?.reason, order, answers });
		clearPending(cookies, course.slug);
		const badge = graded.passed ? (awarded[0] ?? null) : null;
		return { result: graded, order, badge };
	}
};
