import { error, fail } from '@sveltejs/kit';
import { requireTrainer } from '$lib/server/auth/guard';
import { rechecksFor, resolveRecheck } from '$lib/server/tiers/recheck';
import { cleanText } from '$lib/server/text';
import { changeText } from '$lib/tiers/changes';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireTrainer(event);
	const list = await rechecksFor(user);
	return {
		list: list.map((r) => ({
			badgeId: r.badgeId,
			tierName: r.tierName,
			businessName: r.businessName,
			ownerName: r.ownerName,
			kecamatan: r.kecamatan,
			awardedAt: r.awardedAt,
			changes: r.changes.map((c) => ({ key: c.key, text: changeText(c) }))
		}))
	};
};

/** Keep or revoke: the admin, or the trainer who endorsed it; the note is what the owner reads. */
async function resolve(event: RequestEvent, decision: 'keep' | 'revoke') {
	const user = requireTrainer(event);
	const form = await event.request.formData();
	const badgeId = String(form.get('badge') ?? '');
	const note = cleanText(form.get('note'));
	if (!note || note.length > 300)
		return fail(400, { noteError: true, badgeId, note: note.slice(0, 300) });
	if (!/^[\w-]{1,64}$/.test(badgeId)) error(404, 'not found');
	const refused = await resolveRecheck(badgeId, user, decision, note);
	if (refused === 'not_found') error(404, 'not found');
	if (refused) return fail(409, { gone: true, badgeId });
	return { done: decision, badgeId };
}

export const actions: Actions = {
	keep: (event) => resolve(event, 'keep'),
	revoke: (event) => resolve(event, 'revoke')
};
