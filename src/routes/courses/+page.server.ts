import { coursesWithProgress } from '$lib/server/catalog-progress';
import { listCourses } from '$lib/server/content/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	courses: await coursesWithProgress(listCourses(), locals.user?.id)
});
