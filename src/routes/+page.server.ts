import { coursesWithProgress } from '$lib/server/catalog-progress';
import { listCourses } from '$lib/server/content/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const courses = await coursesWithProgress(listCourses(), locals.user?.id);
	// Continue where the learner left off: the first started course that is not finished.
	const current = courses.find((c) => c.done > 0 && c.next) ?? null;
	return { courses, current };
};
