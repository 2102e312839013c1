import { fail, redirect } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { requireAdmin } from '$lib/server/auth/guard';
import { readPartnerForm } from '$lib/server/partners/form';
import { createPartner, partnersWithCounts } from '$lib/server/partners/registry';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	return { partners: await partnersWithCounts() };
};

export const actions: Actions = {
	create: async (event) => {
		requireAdmin(event);
		const read = readPartnerForm(await event.request.formData(), !dev);
		if (!read.input) return fail(400, { values: read.values, errors: read.errors });
		const id = await createPartner(read.input);
		redirect(303, `/admin/partners/${id}`);
	}
};
