import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
	authenticate,
	LOGIN_LIMIT_ACCOUNT,
	LOGIN_LIMIT_ADDRESS,
	registerUser
} from '$lib/server/auth/accounts';
import { deleteAccountWithPassword } from '$lib/server/personal-data/erase';
import { JOIN_LIMIT, lookUpJoinCode } from '$lib/server/trainer/join';
import { ensureDatabase } from '$lib/server/db';

// Issue 16, item 2: the attempt is counted before the slow argon2 check, so a burst of parallel
// guesses reaches the password check at most as often as the limit allows. Every argon2 verify
// is counted here.
const verified = vi.hoisted(() => ({ calls: 0 }));
vi.mock('$lib/server/auth/password', async (original) => {
	const actual = await original<typeof import('$lib/server/auth/password')>();
	return {
		...actual,
		verifyPassword: async (hash: string, password: string) => {
			verified.calls++;
			return actual.verifyPassword(hash, password);
		}
	};
});

const PASSWORD = 'jati kasiman 2026';
const N = 50;
let userId = '';

beforeAll(async () => {
	await ensureDatabase();
	const r = await registerUser({
		name: 'Sri',
		contact: '0857 3333 4444',
		password: PASSWORD,
		confirm: PASSWORD
	});
	userId = r.user!.id;
});

describe('a burst of parallel wrong passwords', () => {
	it(`for one account: of ${N} guesses at most ${LOGIN_LIMIT_ACCOUNT.max} are checked`, async () => {
		verified.calls = 0;
		const results = await Promise.all(
			Array.from({ length: N }, (_, i) =>
				authenticate('0857 3333 4444', `tebakan ${i}`, `10.20.${i}.1`)
			)
		);
		const limited = results.filter((r) => 'error' in r && r.error === 'rate_limited').length;
		const failed = results.filter((r) => 'error' in r && r.error === 'login_failed').length;
		console.log(`parallel login burst, one account: ${verified.calls} of ${N} guesses verified`);
		expect(verified.calls).toBeLessThanOrEqual(LOGIN_LIMIT_ACCOUNT.max);
		expect(failed).toBe(verified.calls);
		expect(limited).toBe(N - failed);
		// ...and the right password now waits too.
		expect(await authenticate('0857 3333 4444', PASSWORD, '10.21.0.1')).toMatchObject({
			error: 'rate_limited'
		});
	});

	it(`from one address over many accounts: at most ${LOGIN_LIMIT_ADDRESS.max} of ${N * 2} are checked`, async () => {
		verified.calls = 0;
		await Promise.all(
			Array.from({ length: N * 2 }, (_, i) =>
				authenticate(`0813 9${String(i).padStart(3, '0')} 1234`, 'tebakan', '203.0.113.50')
			)
		);
		console.log(`parallel login burst, one address: ${verified.calls} of ${N * 2} verified`);
		expect(verified.calls).toBeLessThanOrEqual(LOGIN_LIMIT_ADDRESS.max);
	});

	it('a village hall signing in correctly from one address is never held up', async () => {
		const hall = await Promise.all(
			Array.from({ length: LOGIN_LIMIT_ADDRESS.max + 10 }, async (_, i) => {
				const contact = `0857 4444 ${String(1000 + i)}`;
				await registerUser({
					name: `Peserta ${i}`,
					contact,
					password: PASSWORD,
					confirm: PASSWORD
				});
				return contact;
			})
		);
		for (const contact of hall)
			expect('user' in (await authenticate(contact, PASSWORD, '192.168.7.1')), contact).toBe(true);
	});

	it('deleting an account: parallel wrong passwords are checked at most as often as allowed', async () => {
		verified.calls = 0;
		const results = await Promise.all(
			Array.from({ length: N }, (_, i) => deleteAccountWithPassword(userId, `salah ${i}`))
		);
		expect(results.every((r) => r !== null)).toBe(true);
		expect(verified.calls).toBeLessThanOrEqual(5);
		expect(verified.calls).toBeGreaterThan(0);
	});

	it(`guessing join codes: of ${N * 2} parallel wrong codes at most ${JOIN_LIMIT.max} are answered`, async () => {
		const addr = { getClientAddress: () => '203.0.113.77' };
		const results = await Promise.all(
			Array.from({ length: N * 2 }, (_, i) =>
				lookUpJoinCode(addr, `ZZZ${String(i).padStart(3, '2').replace(/[01]/g, '9')}`)
			)
		);
		const tried = results.filter((r) => r.state === 'unknown').length;
		expect(tried).toBeLessThanOrEqual(JOIN_LIMIT.max);
		expect(results.filter((r) => r.state === 'rate_limited').length).toBe(N * 2 - tried);
	});
});
