import { error } from '@sveltejs/kit';
import { rememberEmbedAccount } from '$lib/server/embed/cookies';
import { readEmbedRequest } from '$lib/server/embed/request';
import type { RequestHandler } from './$types';

/**
 * The frame keeps the account it was handed (by our own sign-in window) in its partitioned
 * cookie, so a reload still knows it. Needs the embed session token and the bearer session.
 */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const embed = await readEmbedRequest(request);
	if (!embed?.user || !embed.session) error(401, 'embed session and account required');
	rememberEmbedAccount(cookies, embed.bearer!, embed.session.expiresAt);
	return new Response(null, { status: 204 });
};
