import { error, fail } from '@sveltejs/kit';
import { findLesson, lessonPlace } from '$lib/server/content/catalog';
import { noticeFor } from '$lib/server/notices/store';
import { doneInCourse } from '$lib/server/progress';
import { publicBaseUrl } from '$lib/server/public-url';
import { findQuiz } from '$lib/server/quiz/bank';
import { formDeviceId, record } from '$lib/server/sync/ingest';
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
	complete: async ({ params, locals, url, cookies }) => {
		if (!locals.user) return fail(401, { needLogin: true });
		const found = findLesson(params.course, params.lesson);
		if (!found) error(404, 'not found');
		// The same write path as a synced completion: an event row, the lesson, and the course
		// badge when this last lesson completes it (with the quiz passed already).
		const { awarded } = await record(
			[
				{
					id: crypto.randomUUID(),
					kind: 'lesson_completed',
					course: found.course.slug,
					lesson: found.lesson.slug,
					at: new Date()
				}
			],
			{
				userId: locals.user.id,
				deviceId: formDeviceId(locals.user.id, cookies.get('nk-device')),
				baseUrl: publicBaseUrl(url)
			}
		);
		return { completed: true, badge: awarded[0] ?? null };
	}
};
