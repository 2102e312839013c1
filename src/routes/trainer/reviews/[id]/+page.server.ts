import { error, fail } from '@sveltejs/kit';
import { canReview } from '$lib/server/access';
import { requireTrainer } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { publicBaseUrl } from '$lib/server/public-url';
import { changesSince, readRequirements, type Change } from '$lib/server/tiers/basis';
import { decideReview, findReview, reviewChanges } from '$lib/server/tiers/review';
import { tierStatus } from '$lib/server/tiers/status';
import { cleanText } from '$lib/server/text';
import { changeText, returnNote } from '$lib/tiers/changes';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function reviewFor(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const user = requireTrainer(event);
	const found = await findReview(event.params.id);
	// Another trainer's learner looks exactly like a review that does not exist.
	if (!found || !(await canReview(user, found.business.ownerId))) error(404, 'not found');
	return { user, ...found };
}

/** What the page and a refused endorsement show: each change in words, and the reason to send back. */
const describe = (changes: Change[]) => ({
	changes: changes.map((c) => ({ key: c.key, text: changeText(c) })),
	returnNote: changes.length ? returnNote(changes) : ''
});

export const load: PageServerLoad = async (event) => {
	const { review, business, ownerName } = await reviewFor(event);
	const tier = (await tierStatus(business.ownerId, business)).find((t) => t.id === review.tier);
	if (!tier) error(404, 'not found');
	// What changed since it was sent: what is missing now, and evidence replaced after sending.
	const state =
		review.status === 'submitted' ? await readRequirements(db, business.id, review.tier) : null;
	const sent = review.submittedAt.getTime();
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
		tier,
		...describe(state ? changesSince(null, state.requirements) : []),
		updatedAfter: Object.fromEntries(
			(state?.requirements ?? [])
				.filter((r) => r.kind !== 'course' && r.kind !== 'profile' && r.at && r.at > sent)
				.map((r) => [r.key.slice('evidence:'.length), new Date(r.at!)])
		) as Record<string, Date>
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
		if (decision === 'endorsed' && form.get('confirm') !== 'yes') {
			// One tap awards a public badge: a second step asks first (a plain form, no script).
			if (review.status !== 'submitted') return fail(409, { alreadyDecided: true, note });
			const changes = await reviewChanges(review);
			if (changes.length) return fail(409, { notReady: true, note, ...describe(changes) });
			return { confirmEndorse: true, note };
		}
		const result = await decideReview(review.id, user, decision, note, publicBaseUrl(event.url));
		if (!result.ok && result.error === 'not_ready')
			return fail(409, { notReady: true, note, ...describe(result.changes) });
		if (!result.ok) return fail(409, { alreadyDecided: true, note });
		return { decided: decision, badgeId: result.badge?.id ?? null };
	}
};
