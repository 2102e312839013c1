import { error } from '@sveltejs/kit';
import { requireTrainer } from '$lib/server/auth/guard';
import { findLesson } from '$lib/server/content/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireTrainer(event);
	const found = findLesson(event.params.course, event.params.lesson);
	if (!found) error(404, 'not found');
	const { course, lesson } = found;
	const next = course.lessons[lesson.index + 1];
	return {
		course: { slug: course.slug, title: course.title },
		lesson: { slug: lesson.slug, title: lesson.title, file: lesson.file },
		next: next ? { slug: next.slug, title: next.title } : null
	};
};
