import { fail } from '@sveltejs/kit';
import { requireAdmin } from '$lib/server/auth/guard';
import { getSignatory, readSignatoryForm, saveSignatory } from '$lib/server/settings/signatory';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	return { signatory: await getSignatory() };
};

export const actions: Actions = {
	/** The name and title printed under "Bojonegoro, <date>" on every certificate. */
	save: async (event) => {
		const admin = requireAdmin(event);
		const read = readSignatoryForm(await event.request.formData());
		if (!('signatory' in read)) return fail(400, { values: read.values, errors: read.errors });
		await saveSignatory(read.signatory ?? null, admin.id);
		return { saved: true };
	}
};
