import type { Cookies } from '@sveltejs/kit';
import { createSession, generateSessionToken, setSessionCookie } from './session';

/** Starts a fresh session for `userId` and gives this browser its cookie. */
export async function startSession(cookies: Cookies, userId: string, url: URL) {
	const token = generateSessionToken();
	const session = await createSession(token, userId);
	setSessionCookie(cookies, token, session.expiresAt, url.protocol === 'https:');
	return session;
}
