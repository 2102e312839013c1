import { and, eq } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import { db, table, type Executor } from '$lib/server/db';
import { passwordProblem, type FieldErrors } from './accounts';
import { hashPassword } from './password';
import { invalidateUserSessions } from './session';

// Lower case without look-alikes (no 0/o, 1/l/i): read off a paper card, typed on a phone.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** Never a valid argon2 hash, so once the code is used no password opens the account. */
const USED = '!one-time-code-used';

/** 8 characters, 31^8 ≈ 8.5 × 10^11 codes; login limits (5 tries per account) do the rest. */
export function newOneTimeCode() {
	return Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** How people type a code read from a card: upper case, spaces or a dash between the halves. */
export function normaliseOneTimeCode(typed: string) {
	return typed.replace(/[\s-]/g, '').toLowerCase();
}

/** The hash to store for a fresh one-time code (first password of an imported participant). */
export async function oneTimeHash(code: string) {
	return hashPassword(code);
}

/**
 * Replaces the password with a one-time code and signs the person out everywhere; returns the
 * code, which is shown once to the trainer and never stored in clear.
 */
export async function resetToOneTimeCode(userId: string, exec: Executor = db) {
	const code = newOneTimeCode();
	await exec
		.update(table.user)
		.set({ passwordHash: await hashPassword(code), mustChangePassword: true })
		.where(eq(table.user.id, userId));
	await invalidateUserSessions(userId);
	return code;
}

/**
 * Uses up the code the person just signed in with. Only the request that still finds the same
 * hash wins, so two sign-ins racing with one code cannot both get a session.
 */
export async function consumeOneTimeCode(userId: string, passwordHash: string) {
	const rows = await db
		.update(table.user)
		.set({ passwordHash: USED })
		.where(
			and(
				eq(table.user.id, userId),
				eq(table.user.passwordHash, passwordHash),
				eq(table.user.mustChangePassword, true)
			)
		)
		.returning({ id: table.user.id });
	return rows.length === 1;
}

/** True while the person signed in with a one-time code and has not chosen a password yet. */
export async function mustChangePassword(userId: string) {
	const [found] = await db
		.select({ must: table.user.mustChangePassword })
		.from(table.user)
		.where(eq(table.user.id, userId));
	return !!found?.must;
}

/**
 * The person's own new password after a one-time code; every other session ends. Only then:
 * without the current password, anyone at a phone left signed in could take the account over
 * (the account page's form asks for the current one).
 */
export async function setOwnPassword(userId: string, next: string, confirm: string) {
	const [found] = await db.select().from(table.user).where(eq(table.user.id, userId));
	if (!found || !found.mustChangePassword)
		return { errors: { form: 'login_failed' } as FieldErrors };
	const problem = passwordProblem(next, found.phone ?? found.email ?? '');
	if (problem) return { errors: { password: problem } as FieldErrors };
	if (next !== confirm) return { errors: { confirm: 'password_mismatch' } as FieldErrors };
	await db
		.update(table.user)
		.set({ passwordHash: await hashPassword(next), mustChangePassword: false })
		.where(and(eq(table.user.id, userId), eq(table.user.mustChangePassword, true)));
	await invalidateUserSessions(userId);
	return { ok: true as const };
}
