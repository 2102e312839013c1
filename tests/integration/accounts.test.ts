import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	LOGIN_LIMIT_ACCOUNT,
	authenticate,
	changePassword,
	createFirstAdmin,
	registerUser
} from '$lib/server/auth/accounts';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	validateSessionToken
} from '$lib/server/auth/session';
import { db, ensureDatabase, table } from '$lib/server/db';

beforeAll(() => ensureDatabase());

const sri = {
	name: 'Sri Wahyuni',
	contact: '0812-3456-7890',
	password: 'ledre pisang raja',
	confirm: 'ledre pisang raja'
};

async function userCount() {
	const [{ n }] = await db.select({ n: count() }).from(table.user);
	return n;
}

describe('registration', () => {
	it('registers a learner with a normalised phone number', async () => {
		const result = await registerUser(sri);
		expect(result.user?.phone).toBe('+6281234567890');
		expect(result.user?.role).toBe('learner');
	});

	it('refuses the same number written another way, and writes nothing', async () => {
		const before = await userCount();
		const result = await registerUser({ ...sri, name: 'Orang lain', contact: '+62 812 3456 7890' });
		expect(result).toEqual({ errors: { contact: 'account_exists' } });
		expect(await userCount()).toBe(before);
	});

	it('names each bad field and writes nothing', async () => {
		const before = await userCount();
		const result = await registerUser({
			name: ' ',
			contact: '0812',
			password: '12345678',
			confirm: '12345678'
		});
		expect(result).toEqual({
			errors: { name: 'name_required', contact: 'phone_invalid', password: 'password_weak' }
		});
		expect(await userCount()).toBe(before);
	});

	it('refuses a password typed differently twice', async () => {
		const result = await registerUser({
			...sri,
			contact: 'dua@example.com',
			confirm: 'ledre pisang raya'
		});
		expect(result).toEqual({ errors: { confirm: 'password_mismatch' } });
	});

	it('registers with an email address instead of a phone', async () => {
		const result = await registerUser({ ...sri, contact: 'Batik.Jonegoroan@Example.com' });
		expect(result.user?.email).toBe('batik.jonegoroan@example.com');
	});
});

describe('first admin', () => {
	it('is created once; a second attempt is refused', async () => {
		const first = await createFirstAdmin({
			...sri,
			name: 'Admin PKK',
			contact: 'admin@pkk.example'
		});
		expect(first.user?.role).toBe('admin');
		const second = await createFirstAdmin({
			...sri,
			name: 'Penyusup',
			contact: 'lain@pkk.example'
		});
		expect(second).toEqual({ errors: { form: 'admin_exists' } });
	});
});

describe('login', () => {
	it('accepts any spelling of the phone number with the right password', async () => {
		const result = await authenticate('+62 812-3456-7890', sri.password, '10.0.0.1');
		expect(result).toMatchObject({ user: { name: 'Sri Wahyuni' } });
	});

	it('gives the same answer for an unknown account and a wrong password', async () => {
		expect(await authenticate('0899 0000 1111', sri.password, '10.0.0.2')).toEqual({
			error: 'login_failed'
		});
		expect(await authenticate(sri.contact, 'salah sandi', '10.0.0.2')).toEqual({
			error: 'login_failed'
		});
	});
});

describe('sessions', () => {
	it('renews on use, and logout invalidates it', async () => {
		const [user] = await db.select().from(table.user).where(eq(table.user.phone, '+6281234567890'));
		const token = generateSessionToken();
		const start = Date.now();
		const session = await createSession(token, user.id, start);
		const renewed = await validateSessionToken(token, start + 16 * 24 * 3600 * 1000);
		expect(renewed.session!.expiresAt.getTime()).toBeGreaterThan(session.expiresAt.getTime());

		await invalidateSession(session.id);
		expect(await validateSessionToken(token)).toMatchObject({ session: null, user: null });
	});

	it('a password change ends every session and the old password stops working', async () => {
		const [user] = await db.select().from(table.user).where(eq(table.user.phone, '+6281234567890'));
		const tokens = [generateSessionToken(), generateSessionToken()];
		for (const t of tokens) await createSession(t, user.id);

		const wrong = await changePassword(
			user.id,
			'bukan sandi',
			'sandi baru yang kuat',
			'sandi baru yang kuat'
		);
		expect(wrong).toEqual({ errors: { current: 'current_password' } });

		const ok = await changePassword(
			user.id,
			sri.password,
			'sandi baru yang kuat',
			'sandi baru yang kuat'
		);
		expect(ok).toEqual({ ok: true });
		for (const t of tokens) expect((await validateSessionToken(t)).user).toBeNull();
		expect(await authenticate(sri.contact, sri.password, '10.0.0.3')).toEqual({
			error: 'login_failed'
		});
		expect('user' in (await authenticate(sri.contact, 'sandi baru yang kuat', '10.0.0.3'))).toBe(
			true
		);
	});
});

describe('login rate limit', () => {
	const budi = {
		name: 'Budi',
		contact: '0857 1111 2222',
		password: 'jati kasiman 2026',
		confirm: 'jati kasiman 2026'
	};

	it('locks an account after 5 failures in 15 minutes, even with the right password', async () => {
		await registerUser(budi);
		const now = Date.now();
		for (let i = 0; i < LOGIN_LIMIT_ACCOUNT.max; i++) {
			expect(await authenticate(budi.contact, 'tebakan', `10.1.0.${i}`, now)).toEqual({
				error: 'login_failed'
			});
		}
		const locked = await authenticate(budi.contact, budi.password, '10.1.0.99', now + 1000);
		expect(locked).toMatchObject({ error: 'rate_limited' });
		expect('retryAfterMs' in locked && locked.retryAfterMs).toBeGreaterThan(14 * 60 * 1000);
	});

	it('opens again when the 15 minutes are over, and a success clears the count', async () => {
		const later = Date.now() + LOGIN_LIMIT_ACCOUNT.windowMs + 1000;
		expect('user' in (await authenticate(budi.contact, budi.password, '10.1.0.99', later))).toBe(
			true
		);
		// after a success, one new failure does not lock the account again
		await authenticate(budi.contact, 'tebakan', '10.1.0.99', later + 1);
		expect(
			'user' in (await authenticate(budi.contact, budi.password, '10.1.0.99', later + 2))
		).toBe(true);
	});

	it('limits one address guessing many accounts', async () => {
		const now = Date.now();
		let last;
		for (let i = 0; i < 31; i++)
			last = await authenticate(`0813 5555 ${String(1000 + i)}`, 'x', '10.9.9.9', now);
		expect(last).toMatchObject({ error: 'rate_limited' });
		// another address is not affected
		expect(await authenticate('0813 5555 1000', 'x', '10.9.9.10', now)).toEqual({
			error: 'login_failed'
		});
	});
});
