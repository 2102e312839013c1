import { describe, expect, it } from 'vitest';
import { passwordProblem } from './accounts';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
	it('stores an argon2id hash, never the password', async () => {
		const hash = await hashPassword('gurih-ledre-77');
		expect(hash).toMatch(/^\$argon2id\$/);
		expect(hash).not.toContain('gurih-ledre-77');
	});

	it('verifies the right password and refuses a wrong one', async () => {
		const hash = await hashPassword('gurih-ledre-77');
		expect(await verifyPassword(hash, 'gurih-ledre-77')).toBe(true);
		expect(await verifyPassword(hash, 'gurih-ledre-78')).toBe(false);
	});

	it('salts: the same password hashes differently each time', async () => {
		expect(await hashPassword('sama-saja-99')).not.toBe(await hashPassword('sama-saja-99'));
	});

	it('treats a corrupt stored hash as a wrong password rather than crashing', async () => {
		expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
	});
});

describe('passwordProblem', () => {
	it.each([
		['pendek', 'password_too_short'],
		['12345678', 'password_weak'],
		['aaaaaaaa', 'password_weak'],
		['Bojonegoro', 'password_weak'],
		['x'.repeat(129), 'password_too_long']
	])('%s → %s', (password, problem) => {
		expect(passwordProblem(password)).toBe(problem);
	});

	it('refuses the account’s own phone number as its password', () => {
		expect(passwordProblem('081234567890', '0812 3456 7890')).toBe('password_weak');
		expect(passwordProblem('81234567890', '+6281234567890')).toBe('password_weak');
	});

	it('accepts a reasonable password', () => {
		expect(passwordProblem('keripik tempe kapas', '081234567890')).toBeNull();
	});
});
