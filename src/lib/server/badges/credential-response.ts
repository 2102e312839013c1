import { error } from '@sveltejs/kit';
import { findBadge } from './award';

/** The signed Open Badges 3.0 credential as JSON-LD; a plain 404 for an unknown id. */
export async function credentialResponse(id: string) {
	const badge = await findBadge(id);
	if (!badge) error(404, 'not found');
	return new Response(badge.credential, {
		headers: {
			'content-type': 'application/ld+json; charset=utf-8',
			'access-control-allow-origin': '*',
			'cache-control': 'no-cache'
		}
	});
}
