import { lessonReviews } from '$lib/server/admin/lesson-reviews';
import { requireAdmin } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return { lessons: await lessonReviews() };
};
