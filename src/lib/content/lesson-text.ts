import { error } from '@sveltejs/kit';
import type { Component } from 'svelte';

// One chunk per lesson: a learner downloads only the lesson they open.
const lessons = import.meta.glob<{ default: Component }>([
	'/courses/*/*.md',
	'!/courses/*/course.md'
]);

/** A lesson page's data with the lesson's text (its compiled Markdown) added as `content`. */
export async function withLessonText<Data extends { lesson: { file: string } }>(data: Data) {
	const importLesson = lessons[data.lesson.file];
	if (!importLesson) error(404, 'not found');
	const { default: content } = await importLesson();
	return { ...data, content };
}
