import { error } from '@sveltejs/kit';
import { lessonPlace } from '$lib/server/content/catalog';
import { refuseUnregisteredSite } from '$lib/server/embed/context';
import { embedDone } from '$lib/server/embed/learner';
import { noticeFor } from '$lib/server/notices/store';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, cookies }) => {
	await refuseUnregisteredSite(url);
	const place = lessonPlace(params.course, params.lesson);
	if (!place) error(404, 'not found');
	const { course, lesson, prev, next } = place;
	const done = (await embedDone(cookies, course.slug)).has(lesson.slug);
	return { course, lesson, prev, next, done, notice: await noticeFor(course.slug, lesson.slug) };
};
