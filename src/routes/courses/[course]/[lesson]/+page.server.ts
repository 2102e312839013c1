import { error, fail } from '@sveltejs/kit';
import { findLesson } from '$lib/server/content/catalog';
import { awardCourseBadgeIfEarned } from '$lib/server/badges/award';
import { doneInCourseOnce, markLessonDone } from '$lib/server/progress';
import { publicBaseUrl } from '$lib/server/public-url';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const found = findLesson(params.course, params.lesson);
	if (!found) error(404, 'not found');
	const { course, lesson } = found;
	const done = await doneInCourseOnce(locals, course.slug);
	const link = (i: number) => {
		const l = course.lessons[i];
		return l ? { slug: l.slug, title: l.title } : null;
	};
	return {
		course: { slug: course.slug, title: course.title, lessonCount: course.lessons.length },
		lesson: {
			slug: lesson.slug,
			file: lesson.file,
			title: lesson.title,
			summary: lesson.summary,
			minutes: lesson.minutes,
			index: lesson.index
		},
		done: done.has(lesson.slug),
		courseDone: course.lessons.every((l) => done.has(l.slug)),
		prev: link(lesson.index - 1),
		next: link(lesson.index + 1)
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
