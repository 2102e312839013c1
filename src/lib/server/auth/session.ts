import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64url, encodeHexLowerCase } from '@oslojs/encoding';
import type { Cookies } from '@sveltejs/kit';
import { eq, lte, sql } from 'drizzle-orm';
import { db, table } from '$lib/server/db';
import { hotRead } from '$lib/server/db/hot-reads';

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

// Asked on every signed-in request: prepared once, read without a round of promises.
const sessionFields = {
	userId: table.user.id,
	name: table.user.name,
	role: table.user.role,
	mustChangePassword: table.user.mustChangePassword,
	expiresAt: table.session.expiresAt,
	disabledAt: table.user.disabledAt,
	lastSeenAt: table.user.lastSeenAt
};
const readSession = hotRead(
	db
		.select(sessionFields)
		.from(table.session)
		.innerJoin(table.user, eq(table.session.userId, table.user.id))
		.where(eq(table.session.id, sql.placeholder('id'))),
	sessionFields
);

/** A session with its account, as read on every signed-in request. */
export type SessionRow = Awaited<ReturnType<typeof readSession>>[number];

/**
 * What a session needs before this request may use it: whether it is still valid, whether it
 * is due for renewal (sliding 30 days) and whether "last seen" is due to be written.
 */
export function checkSession(row: SessionRow, now = Date.now()) {
	// Disabling deletes the sessions too; this also covers one created in the same instant.
	const valid = now < row.expiresAt.getTime() && !row.disabledAt;
	return {
		valid,
		renew: valid && now >= row.expiresAt.getTime() - RENEW_WHEN_LEFT_MS,
		touch: valid && (!row.lastSeenAt || now - row.lastSeenAt.getTime() >= SEEN_EVERY_MS)
	};
}

/** What a token stands for, read but not yet acted on (see `settleSession`). */
export type TokenRead = { token: string; id: string; row: SessionRow | undefined; now: number };

/** Reads a session token's row; writes nothing, so a cached page can be keyed on it. */
export async function readToken(token: string, now = Date.now()): Promise<TokenRead> {
	const id = sessionIdFromToken(token);
	const [row] = await readSession({ id });
	return { token, id, row, now };
}

/**
 * The session and account a read token gives, after the writes it is due: an invalid session
 * is deleted, one past half its life renewed (sliding 30 days), "last seen" noted hourly.
 */
export async function settleSession({ id, row, now }: TokenRead) {
	if (!row) return { session: null, user: null, renewed: false, mustChangePassword: false };
	const check = checkSession(row, now);
	if (!check.valid) {
		await db.delete(table.session).where(eq(table.session.id, id));
		return { session: null, user: null, renewed: false, mustChangePassword: false };
	}
	const session = { id, userId: row.userId, expiresAt: row.expiresAt };
	const user = { id: row.userId, name: row.name, role: row.role };
	if (check.renew) {
		session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
		await db
			.update(table.session)
			.set({ expiresAt: session.expiresAt })
			.where(eq(table.session.id, id));
	}
	if (check.touch)
		await db
			.update(table.user)
			.set({ lastSeenAt: new Date(now) })
			.where(eq(table.user.id, user.id));
	return { session, user, renewed: check.renew, mustChangePassword: row.mustChangePassword };
}

/**
 * The one check of a session token, wherever it comes from: the site's cookie, the embed's
 * partitioned cookie or an embed's bearer header.
 */
export async function validateSessionToken(token: string, now = Date.now()) {
	return settleSession(await readToken(token, now));
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

/**
 * The session cookie of this request, read once: the page cache's key and `locals` (set in
 * hooks.server.ts) share the read instead of querying the session twice. Keyed by `locals`:
 * SvelteKit hands each hook a copy of the event, but the same `locals`.
 */
const perRequest = new WeakMap<object, Promise<TokenRead | null>>();
export function requestToken(event: { locals: object; cookies: Pick<Cookies, 'get'> }) {
	let read = perRequest.get(event.locals);
	if (!read) {
		const token = event.cookies.get(SESSION_COOKIE);
		read = token ? readToken(token) : Promise.resolve(null);
		perRequest.set(event.locals, read);
	}
	return read;
}
