import { error } from '@sveltejs/kit';
import { findBadge } from '$lib/server/badges/award';
import { publicBadge } from '$lib/server/badges/public-view';
import { publicBaseUrl } from '$lib/server/public-url';
import { getSignatory } from '$lib/server/settings/signatory';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const badge = await findBadge(params.id);
	// A revoked badge keeps its verify page (saying so) but no longer prints as a certificate.
	if (!badge || badge.revokedAt) error(404, 'not found');
	return { badge: await publicBadge(badge, publicBaseUrl(url)), signatory: await getSignatory() };
};
