import { fail } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { formatPhone } from '$lib/contact';
import { changePassword } from '$lib/server/auth/accounts';
import { requireUser } from '$lib/server/auth/guard';
import { startSession } from '$lib/server/auth/login';
import {
	getBusiness,
	readBusinessForm,
	saveBusiness,
	toForm,
	validateBusiness
} from '$lib/server/business';
import { db, table } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const [row] = await db
		.select({ phone: table.user.phone, email: table.user.email })
		.from(table.user)
		.where(eq(table.user.id, user.id));
	return {
		contact: row?.phone ? formatPhone(row.phone) : (row?.email ?? ''),
		business: toForm(await getBusiness(user.id)),
		welcome: event.url.searchParams.has('welcome')
	};
};

export const actions: Actions = {
	business: async (event) => {
		const user = requireUser(event);
		const input = readBusinessForm(await event.request.formData());
		const result = validateBusiness(input);
		if ('errors' in result) return fail(400, { business: input, businessErrors: result.errors });
		await saveBusiness(user.id, result.value);
		return { businessSaved: true };
	},
	password: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const result = await changePassword(
			user.id,
			String(form.get('current') ?? ''),
			String(form.get('password') ?? ''),
			String(form.get('confirm') ?? '')
		);
		if ('errors' in result) return fail(400, { passwordErrors: result.errors });
		// All sessions were ended, this one included; keep this device signed in with a new one.
		await startSession(event.cookies, user.id, event.url);
		return { passwordChanged: true };
	}
};
