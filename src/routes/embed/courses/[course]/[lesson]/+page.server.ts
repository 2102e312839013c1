import { error } from '@sveltejs/kit';
import { lessonPlace } from '$lib/server/content/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const place = lessonPlace(params.course, params.lesson);
	if (!place) error(404, 'not found');
	const { course, lesson, prev, next } = place;
	return { course, lesson, prev, next };
};
