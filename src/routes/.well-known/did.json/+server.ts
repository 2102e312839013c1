import { json } from '@sveltejs/kit';
import { didDocument } from '$lib/server/badges/credential';
import { issuerKey } from '$lib/server/badges/issue';
import { publicBaseUrl } from '$lib/server/public-url';
import type { RequestHandler } from './$types';

/**
 * The issuer's DID document (did:web): the key that signs every badge since the did:web
 * issuer, as a Multikey. This is what a DCC issuer registry entry points at.
 */
export const GET: RequestHandler = async ({ url }) =>
	json(didDocument(publicBaseUrl(url), await issuerKey()), {
		headers: {
			'content-type': 'application/did+json',
			'access-control-allow-origin': '*',
			'cache-control': 'public, max-age=300'
		}
	});
