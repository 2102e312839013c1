import { isActionFailure, isHttpError } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import type { SessionUser } from '$lib/server/auth/session';
import { ensureDatabase } from '$lib/server/db';
import { getSignatory } from '$lib/server/settings/signatory';
import * as page from '../../src/routes/admin/certificate/+page.server';

let admin: SessionUser;
let learner: SessionUser;

const save = (user: SessionUser | null, fields: Record<string, string>) => {
	const url = new URL('http://localhost/admin/certificate?/save');
	const request = new Request(url, {
		method: 'POST',
		body: new URLSearchParams(fields).toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded' }
	});
	return page.actions.save({
		request,
		url,
		locals: { user, session: null }
	} as never);
};

beforeAll(async () => {
	await ensureDatabase();
	const reg = async (name: string, contact: string, role: 'admin' | 'learner') => {
		const r = await registerUser(
			{ name, contact, password: 'sandi yang kuat 1', confirm: 'sandi yang kuat 1' },
			role
		);
		return { ...r.user!, role } as unknown as SessionUser;
	};
	admin = await reg('Admin PKK', 'admin@pkk.example', 'admin');
	learner = await reg('Siti', '0812 5555 6666', 'learner');
});

describe('the certificate signatory', () => {
	it('is set by an admin, read back for every certificate, and cleared with empty fields', async () => {
		expect(await getSignatory()).toBeNull();
		expect(
			await save(admin, { name: 'Hj. Lusi Wahyuni', title: 'Ketua TP PKK Kabupaten Bojonegoro' })
		).toEqual({ saved: true });
		expect(await getSignatory()).toEqual({
			name: 'Hj. Lusi Wahyuni',
			title: 'Ketua TP PKK Kabupaten Bojonegoro'
		});
		expect(await save(admin, { name: '', title: '' })).toEqual({ saved: true });
		expect(await getSignatory()).toBeNull();
	});

	it('refuses a name without a title (400, what was typed comes back) and changes nothing', async () => {
		await save(admin, { name: 'Bu Ketua', title: 'Ketua TP PKK' });
		const result = await save(admin, { name: ' Bu Baru\u0000 ', title: '' });
		expect(isActionFailure(result)).toBe(true);
		expect(result).toMatchObject({
			status: 400,
			data: { values: { name: 'Bu Baru', title: '' }, errors: { title: 'title_required' } }
		});
		const tooLong = await save(admin, { name: 'x'.repeat(121), title: 'Ketua' });
		expect(tooLong).toMatchObject({ status: 400, data: { errors: { name: 'too_long' } } });
		expect(await getSignatory()).toEqual({ name: 'Bu Ketua', title: 'Ketua TP PKK' });
	});

	it('only an admin may change it', async () => {
		for (const user of [learner, null]) {
			const outcome = await Promise.resolve(save(user, { name: 'Orang', title: 'Iseng' })).then(
				(r) => r,
				(e: unknown) => e
			);
			expect(isHttpError(outcome) || (outcome as { status?: number }).status === 303).toBe(true);
		}
		expect((await getSignatory())?.name).toBe('Bu Ketua');
	});
});
