import { error, json } from '@sveltejs/kit';
import { findBadge } from '$lib/server/badges/award';
import { issuerUrl } from '$lib/server/badges/credential';
import { publicBaseUrl } from '$lib/server/public-url';
import type { RequestHandler } from './$types';

/**
 * The credential's `credentialStatus` (a 1EdTech revocation list for this one credential):
 * the credential's id is listed once the badge is revoked.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	const badge = await findBadge(params.id);
	if (!badge) error(404, 'not found');
	const base = publicBaseUrl(url);
	return json(
		{
			id: `${base}/verify/${badge.id}/status`,
			issuer: issuerUrl(base),
			revokedCredentials: badge.revokedAt
				? [
						{
							id: `${base}/verify/${badge.id}`,
							revocationDate: badge.revokedAt.toISOString(),
							revocationReason: badge.revokeReason ?? undefined
						}
					]
				: []
		},
		{ headers: { 'access-control-allow-origin': '*', 'cache-control': 'no-cache' } }
	);
};
