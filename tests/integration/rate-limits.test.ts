import { isActionFailure, isRedirect, type Cookies } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import { LIMITS } from '$lib/server/auth/rate-limit';
import type { SessionUser } from '$lib/server/auth/session';
import { saveBusiness } from '$lib/server/business';
import { ensureDatabase } from '$lib/server/db';
import * as account from '../../src/routes/account/+page.server';
import { POST as sync } from '../../src/routes/api/sync/+server';
import * as register from '../../src/routes/register/+page.server';

const cookies = (): Cookies => {
	const jar = new Map<string, string>();
	return {
		get: (n) => jar.get(n),
		getAll: () => [],
		set: (n, v) => void jar.set(n, v),
		delete: (n) => void jar.delete(n),
		serialize: (n, v) => `${n}=${v}`
	};
};

function formEvent(
	path: string,
	fields: Record<string, string>,
	ip: string,
	user: SessionUser | null = null
) {
	const headers: Record<string, string> = {};
	const url = new URL(`http://localhost${path}`);
	return {
		event: {
			request: new Request(url, { method: 'POST', body: new URLSearchParams(fields) }),
			url,
			params: {},
			locals: { user, session: null },
			cookies: cookies(),
			getClientAddress: () => ip,
			setHeaders: (h: Record<string, string>) => Object.assign(headers, h)
		},
		headers
	};
}

async function run(action: (e: never) => unknown, event: unknown) {
	try {
		return await action(event as never);
	} catch (e) {
		if (isRedirect(e)) return { redirect: e.location };
		throw e;
	}
}

beforeAll(ensureDatabase);

describe('registration limit', () => {
	it('lets a village hall register 30 participants from one Wi-Fi address', async () => {
		for (let i = 0; i < 30; i++) {
			const { event } = formEvent(
				'/register',
				{
					name: `Peserta ${i}`,
					contact: `0812 6000 ${String(i).padStart(4, '0')}`,
					password: 'ledre pisang 7',
					confirm: 'ledre pisang 7'
				},
				'192.168.1.1'
			);
			const result = await run(register.actions.default, event);
			expect(result, `participant ${i}`).toEqual({ redirect: '/account?welcome=1' });
		}
	});

	it('answers 429 with Retry-After and an Indonesian message past the limit, keeping the name', async () => {
		let last: unknown;
		let headers: Record<string, string> = {};
		for (let i = 0; i <= LIMITS.register.max; i++) {
			const sent = formEvent('/register', { name: 'Bot', contact: 'x' }, '203.0.113.9');
			last = await run(register.actions.default, sent.event);
			headers = sent.headers;
		}
		expect(isActionFailure(last) && last.status).toBe(429);
		expect((last as { data: unknown }).data).toMatchObject({
			values: { name: 'Bot' },
			errors: { form: 'too_many_requests' }
		});
		expect(Number(headers['retry-after'])).toBeGreaterThan(0);
		// Another address is not affected.
		const other = formEvent('/register', { name: 'Sri', contact: 'x' }, '203.0.113.10');
		const result = await run(register.actions.default, other.event);
		expect(isActionFailure(result) && result.status).toBe(400);
	});
});

describe('upload limit', () => {
	it('stops one account uploading more than its hourly share of photos', async () => {
		const r = await registerUser({
			name: 'Tini',
			contact: '0812 6100 0001',
			password: 'ledre pisang 7',
			confirm: 'ledre pisang 7'
		});
		const user = { id: r.user!.id, name: 'Tini', role: 'learner' } as SessionUser;
		await saveBusiness(user.id, {
			name: 'Kripik Tini',
			products: '',
			kecamatan: 'Padangan',
			desa: '',
			nib: null,
			sppIrt: null,
			halal: null,
			bpomMd: null,
			merek: null
		} as never);
		const statuses: number[] = [];
		for (let i = 0; i <= LIMITS.uploadPerUser.max; i++) {
			// No file attached: refused (400) until the limit, then 429.
			const { event } = formEvent(
				'/account',
				{ tier: 'rintisan', item: 'buku-kas' },
				`10.3.0.${i}`,
				user
			);
			const result = await run(account.actions.evidence, event);
			statuses.push(isActionFailure(result) ? result.status : 200);
		}
		expect(statuses.slice(0, -1).every((s) => s === 400)).toBe(true);
		expect(statuses.at(-1)).toBe(429);
	});
});

describe('/api/sync limit', () => {
	const send = async (ip: string) => {
		const request = new Request('http://localhost/api/sync', {
			method: 'POST',
			body: JSON.stringify({ deviceId: crypto.randomUUID(), events: [] })
		});
		return sync({
			request,
			url: new URL(request.url),
			locals: { user: null, session: null },
			getClientAddress: () => ip
		} as unknown as Parameters<typeof sync>[0]);
	};

	it('takes a hall full of phones syncing, then answers 429 JSON with Retry-After', async () => {
		for (let i = 0; i < LIMITS.sync.max; i++) expect((await send('198.51.100.7')).status).toBe(200);
		const refused = await send('198.51.100.7');
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		const body = await refused.json();
		expect(body.error).toBe('too_many_requests');
		expect(body.message).toMatch(/Coba lagi dalam \d+ detik/);
		expect((await send('198.51.100.8')).status).toBe(200);
	});
});
