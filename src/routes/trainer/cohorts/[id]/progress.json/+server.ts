import { json } from '@sveltejs/kit';
import { createHash } from 'node:crypto';
import { trainerCohort } from '$lib/server/trainer/guard';
import { progressGrid } from '$lib/server/trainer/progress-grid';
import type { RequestHandler } from './$types';

/**
 * The grid page polls this. On a village hall's weak Wi-Fi most polls change nothing, so the
 * answer carries an ETag and an unchanged grid costs a 304 with no body.
 */
export const GET: RequestHandler = async (event) => {
	const { cohort } = await trainerCohort(event);
	const body = JSON.stringify(await progressGrid(cohort));
	const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
	const headers = { etag, 'cache-control': 'private, no-cache' };
	if (event.request.headers.get('if-none-match') === etag)
		return new Response(null, { status: 304, headers });
	return json(JSON.parse(body), { headers });
};
