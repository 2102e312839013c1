import { describe, expect, it } from 'vitest';
import { redact } from './redact';

describe('redact', () => {
	it('hides phone numbers however they are written, keeping the last three digits', () => {
		for (const phone of ['081234567890', '0812-3456-7890', '+62 812 3456 7890', '6281234567890'])
			expect(redact(`login failed for ${phone} today`)).toBe('login failed for [nomor …890] today');
	});

	it('hides session tokens, their hashes and argon2 hashes, but keeps UUIDs and dates', () => {
		const token = 'Zx9_aB3-kLmN0pQrStUvWxYz01234567';
		const hash = 'a'.repeat(64);
		const line = `cookie ${token} session ${hash} user 3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e at 2026-12-02 03:14:15 $argon2id$v=19$m=19456,t=2,p=1$abc$def`;
		const out = redact(line);
		expect(out).not.toContain(token);
		expect(out).not.toContain(hash);
		expect(out).not.toContain('$argon2id$');
		expect(out).toContain('3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e');
		expect(out).toContain('2026-12-02 03:14:15');
	});

	it('hides the parameters of a failed query and fields named like secrets', () => {
		const out = redact(
			'Failed query: select * from "user" where "phone" = ?\nparams: +6281234567890,rahasia\n' +
				'password=ledre%20pisang&confirm=x {"password":"ledre pisang"} nk-session=abc'
		);
		expect(out).not.toMatch(/6281234567890|rahasia|ledre|nk-session=abc/);
		expect(out).toContain('Failed query: select * from "user" where "phone" = ?');
	});
});
