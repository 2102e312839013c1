import { error, fail } from '@sveltejs/kit';
import { canReview } from '$lib/server/access';
import { basisNarrative, findBadge, revokeBadge } from '$lib/server/badges/award';
import { tierBasisOf } from '$lib/server/tiers/recheck';
import { publicBadge } from '$lib/server/badges/public-view';
import { publicBaseUrl } from '$lib/server/public-url';
import { cleanText } from '$lib/server/text';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const badge = await findBadge(params.id);
	if (!badge) error(404, 'not found');
	return {
		badge: await publicBadge(badge, publicBaseUrl(url)),
		// A tier badge: what was checked when it was endorsed, as recorded then.
		basis: badge.kind === 'tier' ? await awardBasis(badge.id) : null,
		canRevoke: !badge.revokedAt && !!badge.userId && (await canReview(locals.user, badge.userId))
	};
};

async function awardBasis(badgeId: string) {
	const basis = await tierBasisOf(badgeId);
	return (
		basis && {
			checkedAt: new Date(basis.checkedAt),
			items: basis.items.map((i) => ({
				key: i.key,
				label: i.label,
				text: basisNarrative(i, basis.checkedAt)
			}))
		}
	);
}

export const actions: Actions = {
	/** Trainers of the holder's cohorts and admins may revoke, with a reason kept on record. */
	revoke: async ({ params, locals, request }) => {
		const badge = await findBadge(params.id);
		if (!badge) error(404, 'not found');
		if (!locals.user || !badge.userId || !(await canReview(locals.user, badge.userId)))
			error(403, 'forbidden');
		const reason = cleanText((await request.formData()).get('reason'));
		if (!reason || reason.length > 300)
			return fail(400, { reasonError: true, reason: reason.slice(0, 300) });
		await revokeBadge(badge.id, locals.user.id, reason);
		return { revoked: true };
	}
};
