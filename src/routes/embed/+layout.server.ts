import { embedContext } from '$lib/server/embed/context';
import { embedLearner } from '$lib/server/embed/learner';
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
	// A site registered for no partner gets only a message (the pages refuse): no device, no
	// account, no token; the host may still hear the message's height.
	const host = url.searchParams.get('origin');
	if (host !== null && !context)
		return { unregistered: true, host: asOrigin(host), deviceId: null, account: null, embed: null };
	const { deviceId, account } = await embedLearner(cookies);
	return {
		unregistered: false,
		host: context?.origin ?? null,
		deviceId,
		account: account && { name: account.name, token: account.token },
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

/** `value` when it is an origin as a browser writes it (postMessage throws on anything else). */
function asOrigin(value: string) {
	try {
		return new URL(value).origin === value ? value : null;
	} catch {
		return null;
	}
}
