import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { requireTrainer } from '$lib/server/auth/guard';
import { cohortFor, membersOf } from '$lib/server/cohorts';
import { publicBaseUrl } from '$lib/server/public-url';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireTrainer(event);
	const cohort = await cohortFor(user, event.params.id);
	if (!cohort) error(404, 'not found');
	const joinUrl = `${publicBaseUrl(event.url)}/join/${cohort.joinCode}`;
	return {
		cohort: { id: cohort.id, name: cohort.name, joinCode: cohort.joinCode },
		joinUrl,
		qrSvg: await QRCode.toString(joinUrl, { type: 'svg', margin: 1 }),
		members: await membersOf(cohort.id)
	};
};
