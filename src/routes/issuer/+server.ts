import { json } from '@sveltejs/kit';
import { issuerProfile } from '$lib/server/badges/credential';
import { issuerKey } from '$lib/server/badges/issue';
import { publicBaseUrl } from '$lib/server/public-url';
import type { RequestHandler } from './$types';

/** The issuer's Open Badges Profile, which names the key that signs every credential. */
export const GET: RequestHandler = async ({ url }) =>
	json(issuerProfile(publicBaseUrl(url), await issuerKey()), {
		headers: { 'content-type': 'application/ld+json', 'access-control-allow-origin': '*' }
	});
