import { error } from '@sveltejs/kit';
import { findLesson } from '$lib/server/content/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const found = findLesson(params.course, params.lesson);
	if (!found) error(404, 'not found');
	const { course, lesson } = found;
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
			minutes: lesson.minutes,
			index: lesson.index
		},
		prev: link(lesson.index - 1),
		next: link(lesson.index + 1)
	};
};
