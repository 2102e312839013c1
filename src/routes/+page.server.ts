import { coursesWithProgress } from '$lib/server/catalog-progress';
import { getBusiness } from '$lib/server/business';
import { cohortsJoinedBy } from '$lib/server/cohorts';
import { listCourses } from '$lib/server/content/catalog';
import { currentAndNext, tierStatus } from '$lib/server/tiers/status';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const courses = await coursesWithProgress(listCourses(), locals.user?.id);
	// Started and not yet finished (lessons left, or the quiz not passed).
	const inProgress = courses.filter((c) => (c.done > 0 || c.quiz) && (c.next || !c.quiz?.passed));
	const tier = locals.user
		? currentAndNext(await tierStatus(locals.user.id, await getBusiness(locals.user.id)))
		: null;
	return {
		courses,
		inProgress,
		cohorts: locals.user ? await cohortsJoinedBy(locals.user.id) : [],
		tier: tier && {
			current: tier.current?.name ?? null,
			next: tier.next && { name: tier.next.name, done: tier.next.done, total: tier.next.total }
		}
	};
};
