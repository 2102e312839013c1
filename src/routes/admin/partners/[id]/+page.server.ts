import { error, fail, redirect } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { requireAdmin } from '$lib/server/auth/guard';
import { listCourses } from '$lib/server/content/catalog';
import { readPartnerForm } from '$lib/server/partners/form';
import { deletePartner, partnersWithCounts, updatePartner } from '$lib/server/partners/registry';
import { publicBaseUrl } from '$lib/server/public-url';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const partner = (await partnersWithCounts()).find((p) => p.id === event.params.id);
	if (!partner) error(404, 'not found');
	const courses = listCourses().map((c) => ({ slug: c.slug, title: c.title }));
	const wanted = event.url.searchParams.get('course');
	const course = courses.find((c) => c.slug === wanted) ?? courses[0];
	return { partner, courses, course, base: publicBaseUrl(event.url) };
};

export const actions: Actions = {
	save: async (event) => {
		requireAdmin(event);
		const read = readPartnerForm(await event.request.formData(), !dev);
		if (!read.input) return fail(400, { values: read.values, errors: read.errors });
		if (!(await updatePartner(event.params.id, read.input))) error(404, 'not found');
		return { saved: true };
	},
	delete: async (event) => {
		requireAdmin(event);
		await deletePartner(event.params.id);
		redirect(303, '/admin/partners');
	}
};
