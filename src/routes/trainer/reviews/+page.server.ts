import { requireTrainer } from '$lib/server/auth/guard';
import { cohortsFor } from '$lib/server/cohorts';
import { findTier } from '$lib/server/tiers/rules';
import { rechecksFor } from '$lib/server/tiers/recheck';
import { reviewChanges, reviewQueue } from '$lib/server/tiers/review';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireTrainer(event);
	const cohorts = await cohortsFor(user);
	// Only the viewer's own cohorts filter the queue; any other id is ignored.
	const asked = event.url.searchParams.get('cohort');
	const cohort = cohorts.find((c) => c.id === asked) ?? null;
	const queue = await reviewQueue(user, cohort?.id);
	return {
		cohorts: cohorts.map((c) => ({ id: c.id, name: c.name })),
		cohort: cohort?.id ?? '',
		recheck: (await rechecksFor(user)).length,
		queue: await Promise.all(
			queue.map(async (r) => ({
				id: r.id,
				tier: findTier(r.tier)?.name ?? r.tier,
				businessName: r.businessName,
				ownerName: r.ownerName,
				kecamatan: r.kecamatan,
				submittedAt: r.submittedAt,
				// Requirements gone since it was sent: it can only be sent back.
				changed: (await reviewChanges(r)).length > 0
			}))
		)
	};
};
