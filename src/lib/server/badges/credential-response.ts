import { error } from '@sveltejs/kit';
import { findBadge } from './award';

/** The signed Open Badges 3.0 credential as JSON-LD; a plain 404 for an unknown id. */
export async function credentialResponse(id: string) {
	const badge = await findBadge(id);
	if (!badge) error(404, 'not found');
	// The holder deleted their account: the signed credential named them, so it is gone.
	if (!badge.credential)
		return new Response(
			JSON.stringify({ error: 'withdrawn', reason: badge.revokeReason, id: badge.id }),
			{
				status: 410,
				headers: {
					'content-type': 'application/json; charset=utf-8',
					'access-control-allow-origin': '*',
					'cache-control': 'no-cache'
				}
			}
		);
	return new Response(badge.credential, {
		headers: {
			'content-type': 'application/ld+json; charset=utf-8',
			'access-control-allow-origin': '*',
			'cache-control': 'no-cache'
		}
	});
}
