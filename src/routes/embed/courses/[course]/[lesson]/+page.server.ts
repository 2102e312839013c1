import { error } from '@sveltejs/kit';
import { lessonPlace } from '$lib/server/content/catalog';
import { noticeFor } from '$lib/server/notices/store';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const place = lessonPlace(params.course, params.lesson);
	if (!place) error(404, 'not found');
	const { course, lesson, prev, next } = place;
	return { course, lesson, prev, next, notice: await noticeFor(course.slug, lesson.slug) };
};
