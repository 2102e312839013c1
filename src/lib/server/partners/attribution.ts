/**
 * Whether an embed page was really opened in a frame on the partner's own page, so that what
 * is learned in it counts for that partner (its learners and completed lessons in the admin's
 * statistics). The embed address alone proves nothing: anyone can open
 * `/embed/courses/x?partner=…&origin=<the partner's site>` at top level, or the admin's preview
 * frames it from our own pages. Browsers say where a request comes from (Sec-Fetch-Dest, the
 * Referer); frame-ancestors then lets only the partner's site show the frame. A request that
 * says nothing (an old browser) is given the benefit of the doubt.
 */
export function openedFromPartnerPage(
	headers: Headers,
	ownOrigin: string,
	context: { partnerId: string; origin: string }
) {
	// Opened as a page of its own (a shared link, a new tab), not inside anyone's frame.
	if (headers.get('sec-fetch-dest') === 'document') return false;
	const referer = headers.get('referer');
	if (referer) {
		let from: URL;
		try {
			from = new URL(referer);
		} catch {
			return false;
		}
		// From one of our own pages: only a page of the same partner's frame (a link followed, or
		// SvelteKit loading the next page's data, inside the frame); never the admin's preview.
		// The first page may name no partner, or a wrong one (resolved from its origin): same site.
		if (from.origin === ownOrigin)
			return (
				from.pathname.startsWith('/embed/') &&
				(from.searchParams.get('partner') === context.partnerId ||
					from.searchParams.get('origin') === context.origin)
			);
		return from.origin === context.origin;
	}
	// No referrer (the partner's page may send none): frame-ancestors leaves only the partner's
	// site, or our own pages, which always send one.
	return headers.get('sec-fetch-site') !== 'same-origin';
}
