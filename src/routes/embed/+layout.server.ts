import { embedContext } from '$lib/server/embed/context';
import { embedAccount, embedDevice } from '$lib/server/embed/cookies';
import { issueEmbedToken } from '$lib/server/embed/token';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ url, setHeaders, cookies }) => {
	const context = await embedContext(url);
	// Each response carries a fresh embed session token: never share it through a cache.
	setHeaders({ 'cache-control': 'private, no-store' });
	return {
		deviceId: embedDevice(cookies),
		account: await embedAccount(cookies),
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
