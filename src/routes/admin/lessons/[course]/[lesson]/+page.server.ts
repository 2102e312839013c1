import { error, fail } from '@sveltejs/kit';
import { lessonReviews } from '$lib/server/admin/lesson-reviews';
import { requireAdmin } from '$lib/server/auth/guard';
import { findLesson } from '$lib/server/content/catalog';
import { readNoticeForm } from '$lib/server/notices/form';
import { setNotice } from '$lib/server/notices/store';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const { course, lesson } = event.params;
	const review = (await lessonReviews()).find(
		(r) => r.course.slug === course && r.lesson.slug === lesson
	);
	if (!review) error(404, 'not found');
	return { review, today: new Date().toISOString().slice(0, 10) };
};

function lessonOf(params: { course: string; lesson: string }) {
	const found = findLesson(params.course, params.lesson);
	if (!found) error(404, 'not found');
	return found;
}

export const actions: Actions = {
	save: async (event) => {
		const admin = requireAdmin(event);
		const { course, lesson } = lessonOf(event.params);
		const read = readNoticeForm(await event.request.formData());
		if (!read.notice) return fail(400, { values: read.values, errors: read.errors });
		await setNotice(course.slug, lesson.slug, read.notice, admin.id);
		return { saved: true };
	},
	remove: async (event) => {
		const admin = requireAdmin(event);
		const { course, lesson } = lessonOf(event.params);
		await setNotice(course.slug, lesson.slug, null, admin.id);
		return { removed: true };
	}
};
