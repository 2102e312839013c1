import { json } from '@sveltejs/kit';
import { oembed, toXml } from '$lib/server/embed/oembed';
import { publicBaseUrl } from '$lib/server/public-url';
import type { RequestHandler } from './$types';

/** oEmbed for our course and lesson addresses (see $lib/server/embed/oembed); 4xx for the rest. */
export const GET: RequestHandler = ({ url }) => {
	const base = publicBaseUrl(url);
	// An address at the name this request came in by (the Host check let only this machine's
	// names through) is ours too; the answer's links carry the public address all the same.
	const params = new URLSearchParams(url.searchParams);
	const asked = params.get('url');
	if (asked?.startsWith(`${url.origin}/`)) params.set('url', base + asked.slice(url.origin.length));
	const answer = oembed(params, base);
	if ('error' in answer) return json({ error: answer.error }, { status: answer.status });
	const headers = { 'cache-control': 'public, max-age=3600' };
	if (answer.format === 'json') return json(answer.body, { headers });
	return new Response(toXml(answer.body), {
		headers: { ...headers, 'content-type': 'text/xml; charset=utf-8' }
	});
};
