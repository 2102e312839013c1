import { error } from '@sveltejs/kit';
import { findCourse } from '$lib/server/content/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const course = findCourse(params.course);
	if (!course) error(404, 'not found');
	return {
		course: {
			slug: course.slug,
			title: course.title,
			summary: course.summary,
			minutes: course.minutes,
			badge: course.badge
		},
		lessons: course.lessons.map((l) => ({ slug: l.slug, title: l.title, minutes: l.minutes }))
	};
};
