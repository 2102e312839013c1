import { embedContext } from '$lib/server/embed/context';
import { embedAccount, embedDevice } from '$lib/server/embed/cookies';
import { issueEmbedToken } from '$lib/server/embed/token';
import { openedFromPartnerPage } from '$lib/server/partners/attribution';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ url, setHeaders, cookies, request }) => {
	const context = await embedContext(url);
	// Progress counts for the partner only from a frame on its own page; the token of a frame
	// opened any other way names no partner (sync then credits nobody), and works the same.
	const credited = context && openedFromPartnerPage(request.headers, url.origin, context);
	// Each response carries a fresh embed session token: never share it through a cache.
	setHeaders({ 'cache-control': 'private, no-store' });
	return {
		deviceId: embedDevice(cookies),
		account: await embedAccount(cookies),
		embed: context
			? {
					origin: context.origin,
					token: issueEmbedToken(credited ? context.partnerId : '', context.origin),
					/** Kept on every link inside the frame, so each page knows its partner. */
					query: `?${new URLSearchParams({ partner: context.partnerId, origin: context.origin })}`
				}
			: null
	};
};
