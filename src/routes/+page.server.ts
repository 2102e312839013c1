import { coursesWithProgress } from '$lib/server/catalog-progress';
import { getBusiness } from '$lib/server/business';
import { cohortsJoinedBy } from '$lib/server/cohorts';
import { listCourses } from '$lib/server/content/catalog';
import { tierNotices } from '$lib/server/tiers/notices';
import { currentAndNext, tierStatus } from '$lib/server/tiers/status';
import { noticeView } from '$lib/tiers/changes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const courses = await coursesWithProgress(listCourses(), locals.user?.id);
	// Started and not yet finished (lessons left, or the quiz not passed).
	const inProgress = courses.filter((c) => (c.done > 0 || c.quiz) && (c.next || !c.quiz?.passed));
	const business = locals.user ? await getBusiness(locals.user.id) : null;
	const tier = locals.user ? currentAndNext(await tierStatus(locals.user.id, business)) : null;
	// Decisions of the last 30 days, and what still waits on someone.
	const since = Date.now() - 30 * 24 * 3600 * 1000;
	const notices = (await tierNotices(business))
		.filter((n) => n.kind === 'blocked' || n.kind === 'recheck' || n.date.getTime() > since)
		.map(noticeView);
	return {
		courses,
		inProgress,
		notices,
		cohorts: locals.user ? await cohortsJoinedBy(locals.user.id) : [],
		tier: tier && {
			current: tier.current?.name ?? null,
			next: tier.next && { name: tier.next.name, done: tier.next.done, total: tier.next.total }
		}
	};
};
