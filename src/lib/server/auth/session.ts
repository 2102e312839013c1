import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64url, encodeHexLowerCase } from '@oslojs/encoding';
import type { Cookies } from '@sveltejs/kit';
import { eq, lte, sql } from 'drizzle-orm';
import { db, table } from '$lib/server/db';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** Renew when less than half the lifetime is left, so an active learner never gets logged out. */
const RENEW_WHEN_LEFT_MS = 15 * DAY_MS;
/** "Last seen" is written at most this often per account: an hour is enough for an admin's list. */
const SEEN_EVERY_MS = 60 * 60 * 1000;

export const SESSION_COOKIE = 'nk-session';

export function generateSessionToken(): string {
	return encodeBase64url(crypto.getRandomValues(new Uint8Array(24)));
}

/** Only the hash reaches the database: a leaked table cannot be replayed as cookies. */
export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(token: string, userId: string, now = Date.now()) {
	const session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(now + SESSION_LIFETIME_MS)
	};
	await db.insert(table.session).values(session);
	await db
		.update(table.user)
		.set({ lastSeenAt: new Date(now) })
		.where(eq(table.user.id, userId));
	return session;
}

// Asked on every signed-in request: the query is built once, not per request.
const sessionWithUser = db
	.select({
		user: { id: table.user.id, name: table.user.name, role: table.user.role },
		mustChangePassword: table.user.mustChangePassword,
		session: table.session,
		disabledAt: table.user.disabledAt,
		lastSeenAt: table.user.lastSeenAt
	})
	.from(table.session)
	.innerJoin(table.user, eq(table.session.userId, table.user.id))
	.where(eq(table.session.id, sql.placeholder('id')))
	.prepare();

export async function validateSessionToken(token: string, now = Date.now()) {
	const id = sessionIdFromToken(token);
	const [row] = await sessionWithUser.all({ id });
	if (!row) return { session: null, user: null, renewed: false, mustChangePassword: false };

	const { session, user, disabledAt, lastSeenAt, mustChangePassword } = row;
	// Disabling deletes the sessions too; this also covers one created in the same instant.
	if (now >= session.expiresAt.getTime() || disabledAt) {
		await db.delete(table.session).where(eq(table.session.id, id));
		return { session: null, user: null, renewed: false, mustChangePassword: false };
	}
	let renewed = false;
	if (now >= session.expiresAt.getTime() - RENEW_WHEN_LEFT_MS) {
		session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
		renewed = true;
		await db
			.update(table.session)
			.set({ expiresAt: session.expiresAt })
			.where(eq(table.session.id, id));
	}
	if (!lastSeenAt || now - lastSeenAt.getTime() >= SEEN_EVERY_MS)
		await db
			.update(table.user)
			.set({ lastSeenAt: new Date(now) })
			.where(eq(table.user.id, user.id));
	return { session, user, renewed, mustChangePassword };
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof validateSessionToken>>['user']>;

export async function invalidateSession(sessionId: string) {
	await db.delete(table.session).where(eq(table.session.id, sessionId));
}

/** Sessions nobody presented before they expired; run at start-up. */
export async function deleteExpiredSessions(now = Date.now()) {
	await db.delete(table.session).where(lte(table.session.expiresAt, new Date(now)));
}

export async function invalidateUserSessions(userId: string) {
	await db.delete(table.session).where(eq(table.session.userId, userId));
}

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	expiresAt: Date,
	secure: boolean
) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean) {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
