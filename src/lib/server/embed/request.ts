import { validateSessionToken } from '$lib/server/auth/session';
import { allowList } from '$lib/server/partners/allow-list';
import { readEmbedToken } from './token';

export const EMBED_TOKEN_HEADER = 'x-naik-kelas-embed';

/**
 * What a request from inside an embed proves: its partner (from the embed session token) and,
 * once the learner linked an account through "Simpan progres", the user of the bearer session.
 * The bearer is honoured only beside a valid embed token: it is meant for the embed alone.
 */
export async function readEmbedRequest(request: Request) {
	const embed = readEmbedToken(request.headers.get(EMBED_TOKEN_HEADER));
	if (!embed) return null;
	// A partner removed since the page was served no longer gets the credit.
	const partnerId = (await allowList()).byPartner.has(embed.partnerId) ? embed.partnerId : null;
	const bearer = /^Bearer ([A-Za-z0-9_-]{20,64})$/.exec(request.headers.get('authorization') ?? '');
	const { user, session } = bearer
		? await validateSessionToken(bearer[1])
		: { user: null, session: null };
	return { partnerId, userId: user?.id ?? null, user, session, bearer: bearer?.[1] ?? null };
}
