import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { disableUser, enableUser, listUsers, setRole } from '$lib/server/admin/users';
import { authenticate, registerUser } from '$lib/server/auth/accounts';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '$lib/server/auth/session';
import { db, ensureDatabase, table } from '$lib/server/db';
import type { Role } from '$lib/server/db/schema';
import { actions, load } from '../../src/routes/admin/users/+page.server';

const PASSWORD = 'sandi yang cukup kuat';
const people: Record<string, { id: string; name: string; role: Role; contact: string }> = {};

beforeAll(async () => {
	await ensureDatabase();
	const make = async (key: string, name: string, role: Role, contact: string) => {
		const r = await registerUser({ name, contact, password: PASSWORD, confirm: PASSWORD }, role);
		people[key] = { id: r.user!.id, name, role, contact };
	};
	await make('admin', 'Bu Admin', 'admin', 'admin@pkk.example');
	await make('sri', 'Sri Wahyuni', 'learner', '0812 5555 0001');
	await make('tono', 'Tono Pelatih', 'trainer', '0812 5555 0002');
	await make('wati', 'Wati 100%_Jaya', 'learner', '0812 5555 0003');
});

const sessions = async (userId: string) =>
	(await db.select({ n: count() }).from(table.session).where(eq(table.session.userId, userId)))[0]
		.n;

async function signIn(key: string) {
	const token = generateSessionToken();
	await createSession(token, people[key].id);
	return token;
}

describe('disabling an account', () => {
	it('ends every session at once and refuses sign-in with its own message', async () => {
		const phone = await signIn('sri');
		const laptop = await signIn('sri');
		expect((await validateSessionToken(phone)).user?.id).toBe(people.sri.id);

		expect(await disableUser(people.admin.id, people.sri.id)).toEqual({ name: 'Sri Wahyuni' });
		expect(await sessions(people.sri.id)).toBe(0);
		expect((await validateSessionToken(phone)).user).toBeNull();
		expect((await validateSessionToken(laptop)).user).toBeNull();
		expect(await authenticate(people.sri.contact, PASSWORD, '10.0.0.1')).toEqual({
			error: 'account_disabled'
		});
	});

	it('tells a stranger with a wrong password nothing about the account being disabled', async () => {
		expect(await authenticate(people.sri.contact, 'bukan sandinya', '10.0.0.2')).toEqual({
			error: 'login_failed'
		});
	});

	it('a session made for a disabled account in the same instant is not honoured', async () => {
		const token = await signIn('sri');
		expect((await validateSessionToken(token)).user).toBeNull();
		expect(await sessions(people.sri.id)).toBe(0);
	});

	it('re-enabling lets the account sign in again with its password', async () => {
		expect(await enableUser(people.sri.id)).toEqual({ name: 'Sri Wahyuni' });
		const result = await authenticate(people.sri.contact, PASSWORD, '10.0.0.1');
		expect('user' in result && result.user.id).toBe(people.sri.id);
	});

	it('an admin cannot disable themself', async () => {
		expect(await disableUser(people.admin.id, people.admin.id)).toEqual({ error: 'self' });
		const [row] = await db.select().from(table.user).where(eq(table.user.id, people.admin.id));
		expect(row.disabledAt).toBeNull();
	});

	it('the last active admin cannot be disabled or demoted, by anyone', async () => {
		expect(await disableUser(people.tono.id, people.admin.id)).toEqual({ error: 'last_admin' });
		expect(await setRole(people.tono.id, people.admin.id, 'learner')).toEqual({
			error: 'last_admin'
		});
		const [row] = await db.select().from(table.user).where(eq(table.user.id, people.admin.id));
		expect(row).toMatchObject({ disabledAt: null, role: 'admin' });
	});

	it('with a second admin, one admin may disable the other', async () => {
		expect(await setRole(people.admin.id, people.tono.id, 'admin')).toEqual({
			name: 'Tono Pelatih'
		});
		expect(await disableUser(people.admin.id, people.tono.id)).toEqual({ name: 'Tono Pelatih' });
		// Now Bu Admin is the only active admin again.
		expect(await disableUser(people.sri.id, people.admin.id)).toEqual({ error: 'last_admin' });
		await enableUser(people.tono.id);
		await setRole(people.admin.id, people.tono.id, 'trainer');
	});

	it('says when the account does not exist', async () => {
		expect(await disableUser(people.admin.id, 'nobody')).toEqual({ error: 'missing' });
		expect(await enableUser('nobody')).toEqual({ error: 'missing' });
	});
});

describe('the user list', () => {
	it('finds by name, by a phone typed the local way, and takes % and _ literally', async () => {
		const names = async (q: string) => (await listUsers({ q })).rows.map((r) => r.name);
		expect(await names('sri')).toEqual(['Sri Wahyuni']);
		expect(await names('0812 5555 0002')).toEqual(['Tono Pelatih']);
		expect(await names('100%_')).toEqual(['Wati 100%_Jaya']);
		expect(await names('%')).toEqual(['Wati 100%_Jaya']);
	});

	it('filters by role and by status, and counts the matches', async () => {
		expect((await listUsers({ role: 'trainer' })).rows.map((r) => r.name)).toEqual([
			'Tono Pelatih'
		]);
		await disableUser(people.admin.id, people.wati.id);
		const disabled = await listUsers({ status: 'disabled' });
		expect(disabled.total).toBe(1);
		expect(disabled.rows[0]).toMatchObject({ name: 'Wati 100%_Jaya' });
		expect(disabled.rows[0].disabledAt).toBeInstanceOf(Date);
		expect(
			(await listUsers({ role: 'learner', status: 'active' })).rows.map((r) => r.name)
		).toEqual(['Sri Wahyuni']);
		await enableUser(people.wati.id);
	});

	it('shows when an account was last seen: at sign-in, never for one that never signed in', async () => {
		const before = Date.now();
		await signIn('tono');
		const { rows } = await listUsers({});
		const tono = rows.find((r) => r.name === 'Tono Pelatih')!;
		expect(tono.lastSeenAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
		expect(rows.find((r) => r.name === 'Wati 100%_Jaya')!.lastSeenAt).toBeNull();
	});
});

type Viewer = { id: string; name: string; role: Role } | null;
const as = (key: string): Viewer => ({
	id: people[key].id,
	name: people[key].name,
	role: people[key].role
});

function post(action: string, user: Viewer, fields: Record<string, string>) {
	const url = new URL(`http://localhost/admin/users?/${action}`);
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	return {
		url,
		locals: { user, session: null },
		request: new Request(url, { method: 'POST', body })
	};
}

async function refused(fn: () => unknown) {
	try {
		await fn();
	} catch (e) {
		return (e as { status: number }).status;
	}
	return 'allowed';
}

describe('the /admin/users page', () => {
	it('is for admins only: learners and trainers get 403, for the list and every action', async () => {
		for (const who of ['sri', 'tono']) {
			const request = post('disable', as(who), { userId: people.wati.id });
			expect(await refused(() => load(request as never))).toBe(403);
			for (const action of ['disable', 'enable', 'role'] as const)
				expect(
					await refused(() =>
						actions[action](
							post(action, as(who), { userId: people.wati.id, role: 'admin' }) as never
						)
					)
				).toBe(403);
		}
		const [wati] = await db.select().from(table.user).where(eq(table.user.id, people.wati.id));
		expect(wati).toMatchObject({ role: 'learner', disabledAt: null });
	});

	it('disables and enables through its form actions, and refuses to disable the admin’s own account', async () => {
		const admin = as('admin');
		// The first step only asks (one tap must not sign someone out everywhere).
		expect(
			await actions.disable(post('disable', admin, { userId: people.wati.id }) as never)
		).toEqual({ confirmDisable: { id: people.wati.id, name: 'Wati 100%_Jaya' } });
		const [asked] = await db
			.select({ disabledAt: table.user.disabledAt })
			.from(table.user)
			.where(eq(table.user.id, people.wati.id));
		expect(asked.disabledAt).toBeNull();
		expect(
			await actions.disable(
				post('disable', admin, { userId: people.wati.id, confirm: 'yes' }) as never
			)
		).toEqual({
			disabled: 'Wati 100%_Jaya'
		});
		expect(
			await actions.enable(post('enable', admin, { userId: people.wati.id }) as never)
		).toEqual({
			enabled: 'Wati 100%_Jaya'
		});
		const self = await actions.disable(
			post('disable', admin, { userId: people.admin.id }) as never
		);
		expect(self).toMatchObject({ status: 400, data: { error: 'self', action: 'disable' } });
	});
});
