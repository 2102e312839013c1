import { error } from '@sveltejs/kit';
import { findBadge } from './award';
import { withProofArray } from './credential';

/**
 * The signed Open Badges 3.0 credential as JSON-LD; a plain 404 for an unknown id. With
 * `download`, as a file the Learner Credential Wallet (and VerifierPlus) can import.
 */
export async function credentialResponse(id: string, download = false) {
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
	// Older badges were stored with `proof` as an object; the schema wants an array.
	return new Response(JSON.stringify(withProofArray(JSON.parse(badge.credential))), {
		headers: {
			'content-type': 'application/ld+json; charset=utf-8',
			'access-control-allow-origin': '*',
			'cache-control': 'no-cache',
			...(download
				? { 'content-disposition': `attachment; filename="lencana-naik-kelas-${badge.id}.json"` }
				: {})
		}
	});
}
