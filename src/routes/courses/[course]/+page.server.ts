import { error } from '@sveltejs/kit';
import { findCourse } from '$lib/server/content/catalog';
import { doneInCourse } from '$lib/server/progress';
import { quizStatusByCourse } from '$lib/server/quiz/attempts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const course = findCourse(params.course);
	if (!course) error(404, 'not found');
	const done = await doneInCourse(locals.user?.id, course.slug);
	const quiz = locals.user
		? ((await quizStatusByCourse(locals.user.id, course.slug)).get(course.slug) ?? null)
		: null;
	const base = `/courses/${course.slug}`;
	return {
		offline: {
			paths: [base, ...course.lessons.map((l) => `${base}/${l.slug}`), `${base}/quiz`],
			// Measured once on a real save: a lesson is about 14 KB compressed with its data and scripts.
			estimate: 40_000 + course.lessons.length * 14_000
		},
		quiz,
		course: {
			slug: course.slug,
			title: course.title,
			summary: course.summary,
			category: course.category,
			minutes: course.minutes,
			badge: course.badge,
			file: `/courses/${course.folder}/course.md`
		},
		lessons: course.lessons.map((l) => ({
			slug: l.slug,
			title: l.title,
			summary: l.summary,
			minutes: l.minutes,
			done: done.has(l.slug)
		}))
	};
};
