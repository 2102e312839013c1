import { coursesWithProgress } from '$lib/server/catalog-progress';
import { listCourses } from '$lib/server/content/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const courses = await coursesWithProgress(listCourses(), locals.user?.id);
	// Started and not yet finished (lessons left, or the quiz not passed).
	const inProgress = courses.filter((c) => (c.done > 0 || c.quiz) && (c.next || !c.quiz?.passed));
	return { courses, inProgress };
};
