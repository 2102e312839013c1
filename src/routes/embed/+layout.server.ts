import { embedContext } from '$lib/server/embed/context';
import { issueEmbedToken } from '$lib/server/embed/token';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ url, setHeaders }) => {
	const context = await embedContext(url);
	// Each response carries a fresh embed session token: never share it through a cache.
	setHeaders({ 'cache-control': 'private, no-store' });
	return {
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
