import { error, fail } from '@sveltejs/kit';
import { canReview } from '$lib/server/access';
import { requireTrainer } from '$lib/server/auth/guard';
import { publicBaseUrl } from '$lib/server/public-url';
import { decideReview, findReview } from '$lib/server/tiers/review';
import { tierStatus } from '$lib/server/tiers/status';
import { cleanText } from '$lib/server/text';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function reviewFor(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireTrainer(event);
	const found = await findReview(event.params.id);
	// Another trainer's learner looks exactly like a review that does not exist.
	if (!found || !(await canReview(user, found.business.ownerId))) error(404, 'not found');
	return { user, ...found };
}

export const load: PageServerLoad = async (event) => {
	const { review, business, ownerName } = await reviewFor(event);
	const tier = (await tierStatus(business.ownerId, business)).find((t) => t.id === review.tier);
	if (!tier) error(404, 'not found');
	return {
		review: {
			id: review.id,
			status: review.status,
			note: review.note,
			submittedAt: review.submittedAt
		},
		business: {
			id: business.id,
			name: business.name,
			kecamatan: business.kecamatan,
			desa: business.desa
		},
		ownerName,
		tier
	};
};

export const actions: Actions = {
	decide: async (event) => {
		const { user, review } = await reviewFor(event);
		const form = await event.request.formData();
		const decision = form.get('decision');
		const note = cleanText(form.get('note'));
		if (decision !== 'endorsed' && decision !== 'returned')
			return fail(400, { decisionError: true, note });
		// The learner must be told why their evidence came back.
		if ((decision === 'returned' && !note) || note.length > 500)
			return fail(400, { noteError: true, note: note.slice(0, 500) });
		const result = await decideReview(review.id, user, decision, note, publicBaseUrl(event.url));
		if (!result) return fail(409, { alreadyDecided: true, note });
		return { decided: decision, badgeId: result.badge?.id ?? null };
	}
};
