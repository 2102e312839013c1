import { error } from '@sveltejs/kit';
import { findCourse } from '$lib/server/content/catalog';
import { refuseUnregisteredSite } from '$lib/server/embed/context';
import { findQuiz, quizVersion, rememberQuizVersion } from '$lib/server/quiz/bank';
import { presentQuiz } from '$lib/server/quiz/present';
import type { PageServerLoad } from './$types';

// The graded quiz inside a partner's page. Answers go through the outbox with the linked
// account's token and are graded at sync, as offline answers are; the key never leaves us.
export const load: PageServerLoad = async ({ params, url }) => {
	await refuseUnregisteredSite(url);
	const course = findCourse(params.course);
	const quiz = findQuiz(params.course);
	if (!course || !quiz) error(404, 'not found');
	await rememberQuizVersion(course.slug);
	return {
		course: { slug: course.slug, title: course.title },
		passMark: quiz.pass,
		version: quizVersion(course.slug)!,
		questions: presentQuiz(quiz)
	};
};
