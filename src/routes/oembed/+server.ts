import { json } from '@sveltejs/kit';
import { oembed, toXml } from '$lib/server/embed/oembed';
import { publicBaseUrl } from '$lib/server/public-url';
import type { RequestHandler } from './$types';

/** oEmbed for our course and lesson addresses (see $lib/server/embed/oembed); 4xx for the rest. */
export const GET: RequestHandler = ({ url }) => {
	const answer = oembed(url.searchParams, publicBaseUrl(url));
	if ('error' in answer) return json({ error: answer.error }, { status: answer.status });
	const headers = { 'cache-control': 'public, max-age=3600' };
	if (answer.format === 'json') return json(answer.body, { headers });
	return new Response(toXml(answer.body), {
		headers: { ...headers, 'content-type': 'text/xml; charset=utf-8' }
	});
};
