import { embedContext } from '$lib/server/embed/context';
import { embedLearner } from '$lib/server/embed/learner';
import { issueEmbedToken } from '$lib/server/embed/token';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ url, setHeaders, cookies }) => {
	const context = await embedContext(url);
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
					token: issueEmbedToken(context.partnerId, context.origin),
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
