import { error, fail } from '@sveltejs/kit';
import { findLesson, lessonPlace } from '$lib/server/content/catalog';
import { awardCourseBadgeIfEarned } from '$lib/server/badges/award';
import { noticeFor } from '$lib/server/notices/store';
import { doneInCourse, markLessonDone } from '$lib/server/progress';
import { publicBaseUrl } from '$lib/server/public-url';
import { findQuiz } from '$lib/server/quiz/bank';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const place = lessonPlace(params.course, params.lesson);
	if (!place) error(404, 'not found');
	const { found, course, lesson, prev, next } = place;
	const [done, notice] = await Promise.all([
		doneInCourse(locals.user?.id, course.slug),
		noticeFor(course.slug, lesson.slug)
	]);
	return {
		course,
		lesson: { ...lesson, summary: found.lesson.summary },
		notice,
		done: done.has(lesson.slug),
		courseDone: found.course.lessons.every((l) => done.has(l.slug)),
		prev,
		next,
		// The last lesson leads on to the graded quiz.
		hasQuiz: !next && !!findQuiz(course.slug)
	};
};

export const actions: Actions = {
	complete: async ({ params, locals, url }) => {
		if (!locals.user) return fail(401, { needLogin: true });
		const found = findLesson(params.course, params.lesson);
		if (!found) error(404, 'not found');
		await markLessonDone(locals.user.id, found.course.slug, found.lesson.slug);
		// The last lesson may be what completes the course badge (when the quiz is passed already).
		const badge = await awardCourseBadgeIfEarned(locals.user.id, found.course.slug, publicBaseUrl(url));
		return { completed: true, badge: badge ? { id: badge.id, name: badge.name } : null };
	}
};
