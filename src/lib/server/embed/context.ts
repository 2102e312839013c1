import { allowList } from '$lib/server/partners/allow-list';

export const EMBED_PREFIX = '/embed/';

/**
 * The partner and host origin an embed page was asked for (`?partner=…&origin=…`, which
 * /embed.js adds), when that origin really is registered for that partner.
 */
export async function embedContext(url: URL) {
	const partnerId = url.searchParams.get('partner');
	const origin = url.searchParams.get('origin');
	if (!partnerId || !origin) return null;
	const origins = (await allowList()).byPartner.get(partnerId);
	return origins?.includes(origin) ? { partnerId, origin } : null;
}

/**
 * The frame-ancestors policy for a path. Only /embed/* may be framed, and only by registered
 * origins (and our own pages): the exact host origin when the request names a registered one
 * (so messages to it reach the right page), otherwise every origin of the named partner, or of
 * all partners.
 */
export async function frameAncestors(url: URL): Promise<string> {
	if (!url.pathname.startsWith(EMBED_PREFIX)) return "'none'";
	const list = await allowList();
	const context = await embedContext(url);
	const partner = url.searchParams.get('partner');
	const origins = context
		? [context.origin]
		: partner
			? (list.byPartner.get(partner) ?? [])
			: list.all;
	// 'self': the admin's preview of a partner's snippet frames the embed from our own pages.
	return ["'self'", ...origins].join(' ');
}
