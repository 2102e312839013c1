import { error } from '@sveltejs/kit';
import { findCourse } from '$lib/server/content/catalog';
import { refuseUnregisteredSite } from '$lib/server/embed/context';
import { embedDone } from '$lib/server/embed/learner';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, cookies }) => {
	await refuseUnregisteredSite(url);
	const course = findCourse(params.course);
	if (!course) error(404, 'not found');
	const done = await embedDone(cookies, course.slug);
	return {
		done: course.lessons.filter((l) => done.has(l.slug)).map((l) => l.slug),
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
