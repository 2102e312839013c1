import { error } from '@sveltejs/kit';
import type { Component } from 'svelte';
import type { PageLoad } from './$types';

// One chunk per lesson: a learner downloads only the lesson they open.
const lessons = import.meta.glob<{ default: Component }>(['/courses/*/*.md', '!/courses/*/course.md']);

export const load: PageLoad = async ({ data }) => {
	const importLesson = lessons[data.lesson.file];
	if (!importLesson) error(404, 'not found');
	const { default: content } = await importLesson();
	return { ...data, content };
};
