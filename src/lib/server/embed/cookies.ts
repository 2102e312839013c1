import type { Cookies } from '@sveltejs/kit';
import { validateSessionToken } from '$lib/server/auth/session';

// Partitioned (CHIPS) cookies: kept by the browser for our frame inside this one partner's
// site only, and allowed where unpartitioned third-party cookies are blocked. They keep the
// embed's guest device and linked account across reloads where the frame has no IndexedDB.
const DEVICE_COOKIE = 'nk-embed-device';
const ACCOUNT_COOKIE = 'nk-embed-account';
const YEAR_S = 365 * 24 * 60 * 60;
const options = {
	path: '/',
	httpOnly: true,
	secure: true,
	sameSite: 'none',
	partitioned: true
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** This frame's guest device id, made on its first visit. */
export function embedDevice(cookies: Cookies) {
	const known = cookies.get(DEVICE_COOKIE);
	if (known && UUID.test(known)) return known;
	const id = crypto.randomUUID();
	cookies.set(DEVICE_COOKIE, id, { ...options, maxAge: 2 * YEAR_S });
	return id;
}

export function rememberEmbedAccount(cookies: Cookies, token: string, expiresAt: Date) {
	cookies.set(ACCOUNT_COOKIE, token, { ...options, expires: expiresAt });
}

/** The account linked in this frame through "Simpan progres", while its session lasts. */
export async function embedAccount(cookies: Cookies) {
	const token = cookies.get(ACCOUNT_COOKIE);
	if (!token) return null;
	const { user } = await validateSessionToken(token);
	if (!user) {
		cookies.delete(ACCOUNT_COOKIE, options);
		return null;
	}
	return { userId: user.id, name: user.name, token };
}
