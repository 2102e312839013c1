import { fail, redirect } from '@sveltejs/kit';
import { cleanCode } from '$lib/server/cohorts';
import type { Actions } from './$types';

export const actions: Actions = {
	go: async ({ request }) => {
		const code = cleanCode(String((await request.formData()).get('code') ?? '').slice(0, 20));
		if (!/^[A-Z0-9]{6}$/.test(code)) return fail(400, { code, invalid: true });
		// The code page looks it up (and counts wrong ones against the address).
		redirect(303, `/join/${code}`);
	}
};
