import { isActionFailure, isRedirect } from '@sveltejs/kit';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adminExists } from '$lib/server/auth/accounts';
import { setupCodePath } from '$lib/server/auth/setup-code';
import { ensureDatabase } from '$lib/server/db';
import * as setup from '../../src/routes/setup/+page.server';

const ADMIN = {
	name: 'Ibu Ketua PKK',
	contact: '0812 3456 7000',
	password: 'ledre pisang raja',
	confirm: 'ledre pisang raja'
};

function from(address: string, fields: Record<string, string> = {}, host = 'localhost:3000') {
	const url = new URL(`http://${host}/setup`);
	const jar = new Map<string, string>();
	return {
		url,
		request: new Request(url, {
			method: 'POST',
			body: new URLSearchParams(fields).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		}),
		cookies: {
			get: (name: string) => jar.get(name),
			set: (name: string, value: string) => void jar.set(name, value),
			delete: (name: string) => void jar.delete(name)
		},
		getClientAddress: () => address,
		setHeaders: () => {}
	} as never;
}

async function post(address: string, fields: Record<string, string>, host?: string) {
	try {
		return await setup.actions.default(from(address, fields, host));
	} catch (e) {
		if (isRedirect(e)) return { redirect: e.location };
		throw e;
	}
}

describe('first-run setup of a fresh install', () => {
	it('asks no code on the server itself, and asks one from any other computer', async () => {
		await ensureDatabase();
		expect(await setup.load(from('127.0.0.1'))).toEqual({ needsCode: false });
		expect(await setup.load(from('::1'))).toEqual({ needsCode: false });
		expect(await setup.load(from('203.0.113.7'))).toEqual({ needsCode: true });
		expect(await setup.load(from('192.168.1.20'))).toEqual({ needsCode: true });
	});

	it('asks the code on the server itself too when the page names another host (DNS rebinding)', async () => {
		// A page at evil.example resolving to 127.0.0.1: the browser on the laptop sends its name.
		for (const host of ['evil.example', 'evil.example:3000', '192.168.1.10:3000'])
			expect(await setup.load(from('127.0.0.1', {}, host)), host).toEqual({ needsCode: true });
		const result = await post('127.0.0.1', { ...ADMIN, code: '' }, 'evil.example:3000');
		expect(result).toMatchObject({ status: 400, data: { errors: { code: 'setup_code_wrong' } } });
		expect(await adminExists()).toBe(false);
		expect(await setup.load(from('127.0.0.1', {}, '127.0.0.1:3000'))).toEqual({ needsCode: false });
		expect(await setup.load(from('::1', {}, '[::1]:3000'))).toEqual({ needsCode: false });
	});

	it('refuses a stranger without the code, with a message, and makes no admin', async () => {
		for (const code of ['', '12345678', 'kode']) {
			const result = await post('203.0.113.7', { ...ADMIN, code });
			expect(isActionFailure(result)).toBe(true);
			expect(result).toMatchObject({
				status: 400,
				data: { errors: { code: 'setup_code_wrong' }, values: { name: ADMIN.name } }
			});
		}
		expect(await adminExists()).toBe(false);
	});

	it('stops guessing after ten tries from one address', async () => {
		let last: unknown;
		for (let i = 0; i < 11; i++) last = await post('198.51.100.9', { ...ADMIN, code: '00000000' });
		expect(last).toMatchObject({ status: 429, data: { errors: { form: 'too_many_requests' } } });
		expect(await adminExists()).toBe(false);
	});

	it('lets the operator in with the code from the server’s data folder, which then goes away', async () => {
		const code = readFileSync(setupCodePath(), 'utf8').trim();
		expect(code).toMatch(/^\d{8}$/);
		const typed = `${code.slice(0, 4)} ${code.slice(4)}`;
		expect(await post('192.168.1.20', { ...ADMIN, code: typed })).toEqual({
			redirect: '/admin/users'
		});
		expect(await adminExists()).toBe(true);
		expect(existsSync(setupCodePath())).toBe(false);
	});
});
