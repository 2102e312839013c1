import { error, json } from '@sveltejs/kit';
import { describeAchievement } from '$lib/server/badges/award';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '$lib/server/badges/credential';
import { publicBaseUrl } from '$lib/server/public-url';
import type { RequestHandler } from './$types';

/** The Achievement every credential names by this URL: what the badge is and what it takes. */
export const GET: RequestHandler = ({ params, url }) => {
	const m = /^(course|tier)-(.+)$/.exec(params.slug);
	const about = m && describeAchievement(m[1] as 'course' | 'tier', m[2]);
	if (!m || !about) error(404, 'not found');
	const id = `${publicBaseUrl(url)}/achievements/${params.slug}`;
	return json(
		{
			'@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
			id,
			type: ['Achievement'],
			name: about.name,
			description: about.description,
			criteria: { narrative: about.criteria },
			achievementType: m[1] === 'tier' ? 'Certificate' : 'Badge',
			image: { id: `${id}.svg`, type: 'Image' }
		},
		{ headers: { 'content-type': 'application/ld+json', 'access-control-allow-origin': '*' } }
	);
};
