import { error, json } from '@sveltejs/kit';
import { revokedStatusIndexes } from '$lib/server/badges/award';
import { signedStatusList } from '$lib/server/badges/issue';
import { publicBaseUrl } from '$lib/server/public-url';
import type { RequestHandler } from './$types';

/**
 * The revocation status list (a signed BitstringStatusListCredential) every badge since the
 * did:web issuer points into: its bit is set once the badge is revoked. One list for now.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	if (params.list !== '1') error(404, 'not found');
	const credential = await signedStatusList(publicBaseUrl(url), await revokedStatusIndexes());
	return json(credential, {
		headers: {
			'content-type': 'application/vc+ld+json',
			'access-control-allow-origin': '*',
			// A revocation must show at once: verifiers revalidate every time.
			'cache-control': 'no-cache'
		}
	});
};
