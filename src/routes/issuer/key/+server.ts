import { json } from '@sveltejs/kit';
import { publicKeyDocument } from '$lib/server/badges/credential';
import { issuerKey } from '$lib/server/badges/issue';
import { publicBaseUrl } from '$lib/server/public-url';
import type { RequestHandler } from './$types';

/** The public half of the issuer key (Multikey), for anyone verifying a credential. */
export const GET: RequestHandler = async ({ url }) =>
	json(publicKeyDocument(publicBaseUrl(url), await issuerKey()), {
		headers: { 'content-type': 'application/ld+json', 'access-control-allow-origin': '*' }
	});
