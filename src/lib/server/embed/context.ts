import { error } from '@sveltejs/kit';
import { allowList, allowListFor } from '$lib/server/partners/allow-list';

export const EMBED_PREFIX = '/embed/';

/**
 * The partner and host origin of an embed page (`?partner=…&origin=…`, which /embed.js adds),
 * when that origin is registered. The partner is the one named when the origin is its own;
 * otherwise the one the origin is registered for, so a snippet without `data-partner`, or with
 * an id copied from elsewhere, still works and counts for the right partner. The origin is only
 * what the page says; frame-ancestors (below) makes the browser hold it to that.
 */
export async function embedContext(url: URL) {
	const origin = url.searchParams.get('origin');
	if (!origin || origin.length > 300) return null;
	const list = await allowListFor(origin);
	const named = url.searchParams.get('partner');
	const partnerId =
		named && list.byPartner.get(named)?.includes(origin) ? named : list.byOrigin.get(origin);
	return partnerId ? { partnerId, origin } : null;
}

/** An embed asked for by a page whose site is registered for no partner. */
export async function isUnregisteredSite(url: URL) {
	return url.searchParams.has('origin') && !(await embedContext(url));
}

/**
 * For every embed page's load: on a site registered for no partner, a short message in the
 * frame's place (routes/embed/+error.svelte) instead of the course, and nothing of a learner.
 */
export async function refuseUnregisteredSite(url: URL) {
	if (await isUnregisteredSite(url)) error(403, 'site not registered as a partner');
}

/**
 * The frame-ancestors policy for a path. Only /embed/* may be framed, and only by registered
 * origins (and our own pages): the exact host origin when the request names a registered one
 * (so messages to it reach the right page). A page naming an unregistered origin gets only
 * the "not registered" message, which any site may show. Without an origin (a hand-made
 * iframe), every origin of the named partner, or of all partners.
 */
export async function frameAncestors(url: URL): Promise<string> {
	if (!url.pathname.startsWith(EMBED_PREFIX)) return "'none'";
	const context = await embedContext(url);
	if (context) return `'self' ${context.origin}`;
	if (url.searchParams.has('origin')) return '*';
	const list = await allowList();
	const partner = url.searchParams.get('partner');
	const origins = partner ? (list.byPartner.get(partner) ?? []) : list.all;
	// 'self': the admin's preview of a partner's snippet frames the embed from our own pages.
	return ["'self'", ...origins].join(' ');
}
