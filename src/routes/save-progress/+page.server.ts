import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { readEmbedToken } from '$lib/server/embed/token';
import { claimDeviceFor } from '$lib/server/sync/ingest';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The device and embed session named in the address, when both are real. */
function readRequest(device: unknown, embed: unknown) {
	const ok = typeof device === 'string' && UUID.test(device) && readEmbedToken(String(embed));
	return ok ? { device: device.toLowerCase(), embed: String(embed) } : null;
}

// "Simpan progres" from a partner's embed opens this page at top level, where our own
// cookies work: sign in or register (the login page comes back here), then hand over.
export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	const request = readRequest(
		event.url.searchParams.get('device'),
		event.url.searchParams.get('embed')
	);
	return { name: user.name, request };
};

export const actions: Actions = {
	save: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const request = readRequest(form.get('device'), form.get('embed'));
		if (!request) return fail(400, { invalid: true });
		await claimDeviceFor(user.id, request.device);
		// A session of its own for the embed, handed to it by postMessage: it lives in the
		// frame's partitioned storage and ends with the password change like any other.
		const token = generateSessionToken();
		await createSession(token, user.id);
		return { token, name: user.name };
	}
};
