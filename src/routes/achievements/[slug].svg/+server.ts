import { error } from '@sveltejs/kit';
import { describeAchievement } from '$lib/server/badges/award';
import { badgeSvg } from '$lib/server/badges/image';
import type { RequestHandler } from './$types';

/** The badge image named in every credential: /achievements/course-<slug>.svg or tier-<id>.svg. */
export const GET: RequestHandler = ({ params }) => {
	const m = /^(course|tier)-(.+)$/.exec(params.slug);
	const name = m && describeAchievement(m[1] as 'course' | 'tier', m[2])?.name;
	if (!m || !name) error(404, 'not found');
	return new Response(badgeSvg(m[1] as 'course' | 'tier', name), {
		headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' }
	});
};
