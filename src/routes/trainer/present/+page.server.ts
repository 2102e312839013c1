import { requireTrainer } from '$lib/server/auth/guard';
import { cohortFor } from '$lib/server/cohorts';
import { listCourses } from '$lib/server/content/catalog';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireTrainer(event);
	const cohortId = event.url.searchParams.get('cohort');
	const cohort = cohortId ? await cohortFor(user, cohortId) : null;
	const courses = listCourses().filter((c) => !cohort || cohort.courses.includes(c.slug));
	return {
		cohort: cohort ? { id: cohort.id, name: cohort.name } : null,
		courses: courses.map((c) => ({
			slug: c.slug,
			title: c.title,
			lessons: c.lessons.map((l) => ({ slug: l.slug, title: l.title }))
		}))
	};
};
