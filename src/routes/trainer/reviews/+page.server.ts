import { requireTrainer } from '$lib/server/auth/guard';
import { findTier } from '$lib/server/tiers/rules';
import { reviewQueue } from '$lib/server/tiers/review';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireTrainer(event);
	const queue = await reviewQueue(user);
	return {
		queue: queue.map((r) => ({
			id: r.id,
			tier: findTier(r.tier)?.name ?? r.tier,
			businessName: r.businessName,
			ownerName: r.ownerName,
			kecamatan: r.kecamatan,
			submittedAt: r.submittedAt
		}))
	};
};
