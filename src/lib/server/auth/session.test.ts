import { beforeAll, describe, expect, it } from 'vitest';
import { db, ensureDatabase, table } from '$lib/server/db';
import {
	SESSION_LIFETIME_MS,
	createSession,
	deleteExpiredSessions,
	generateSessionToken,
	invalidateSession,
	sessionIdFromToken,
	validateSessionToken
} from './session';

const DAY = 24 * 60 * 60 * 1000;
const userId = 'user-session-test';

beforeAll(async () => {
	await ensureDatabase();
	await db.insert(table.user).values({ id: userId, name: 'Sri', passwordHash: 'x' });
});

describe('session tokens', () => {
	it('are random, URL-safe and long enough to guess never', () => {
		const tokens = new Set(Array.from({ length: 100 }, generateSessionToken));
		expect(tokens.size).toBe(100);
		for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
	});

	it('are stored only as their SHA-256', async () => {
		const token = generateSessionToken();
		const session = await createSession(token, userId);
		expect(session.id).toBe(sessionIdFromToken(token));
		expect(session.id).toMatch(/^[0-9a-f]{64}$/);
		const rows = await db.select().from(table.session);
		expect(rows.some((r) => r.id === token)).toBe(false);
	});
});

describe('validateSessionToken', () => {
	it('finds the user for a valid token and nothing for an unknown one', async () => {
		const token = generateSessionToken();
		await createSession(token, userId);
		expect((await validateSessionToken(token)).user?.id).toBe(userId);
		expect((await validateSessionToken('forged-token')).user).toBeNull();
	});

	it('keeps the expiry while more than half the 30 days are left', async () => {
		const token = generateSessionToken();
		const start = Date.now();
		const created = await createSession(token, userId, start);
		const { session } = await validateSessionToken(token, start + 10 * DAY);
		expect(session?.expiresAt.getTime()).toBe(created.expiresAt.getTime());
	});

	it('renews a session used in its last 15 days, for another 30', async () => {
		const token = generateSessionToken();
		const start = Date.now();
		await createSession(token, userId, start);
		const later = start + 20 * DAY;
		const { session } = await validateSessionToken(token, later);
		expect(session?.expiresAt.getTime()).toBe(later + SESSION_LIFETIME_MS);
		// and the renewal is stored, not only returned
		const { session: again } = await validateSessionToken(token, later + 1);
		expect(again?.expiresAt.getTime()).toBe(later + SESSION_LIFETIME_MS);
	});

	it('refuses and deletes an expired session', async () => {
		const token = generateSessionToken();
		const start = Date.now();
		await createSession(token, userId, start);
		expect((await validateSessionToken(token, start + 31 * DAY)).session).toBeNull();
		// gone for good, even if the clock were turned back
		expect((await validateSessionToken(token, start)).session).toBeNull();
	});

	it('refuses a session after it is invalidated', async () => {
		const token = generateSessionToken();
		const session = await createSession(token, userId);
		await invalidateSession(session.id);
		expect((await validateSessionToken(token)).user).toBeNull();
	});
});

describe('deleteExpiredSessions', () => {
	it('removes only sessions whose time is up', async () => {
		const old = generateSessionToken();
		const live = generateSessionToken();
		const now = Date.now();
		await createSession(old, userId, now - 31 * DAY);
		await createSession(live, userId, now);
		await deleteExpiredSessions(now);
		const ids = (await db.select().from(table.session)).map((s) => s.id);
		expect(ids).not.toContain(sessionIdFromToken(old));
		expect(ids).toContain(sessionIdFromToken(live));
	});
});
