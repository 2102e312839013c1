import type { Component } from 'svelte';
import type { PageLoad } from './$types';

// The course introduction is Markdown like the lessons, compiled by the same pipeline.
const intros = import.meta.glob<{ default: Component }>('/courses/*/course.md');

export const load: PageLoad = async ({ data }) => {
	const importIntro = intros[data.course.file];
	const intro = importIntro ? (await importIntro()).default : null;
	return { ...data, intro };
};
