import type { RequestEvent } from '@sveltejs/kit';
import { beforeAll, describe, expect, it, vi } from 'vitest';

/** Every read of the session table's hot query, counted. */
const reads = vi.hoisted(() => ({ session: 0 }));
vi.mock('$lib/server/db/hot-reads', async (original) => {
	const real = await original<typeof import('$lib/server/db/hot-reads')>();
	return {
		...real,
		hotRead: ((query, fields) => {
			const read = real.hotRead(query, fields);
			const isSession = /from "session"/.test(query.toSQL().sql);
			return (params: Record<string, unknown>) => {
				if (isSession) reads.session++;
				return read(params);
			};
		}) as typeof real.hotRead
	};
});

// SvelteKit's own runner of hooks (internal: its types do not describe it).
const { with_request_store } = (await import('@sveltejs/kit/internal/server' as string)) as {
	with_request_store: <T>(store: unknown, fn: () => T) => T;
};
const { registerUser } = await import('$lib/server/auth/accounts');
const { SESSION_COOKIE, createSession, generateSessionToken } =
	await import('$lib/server/auth/session');
const { ensureDatabase } = await import('$lib/server/db');
const { markSetupDone } = await import('$lib/server/auth/first-run');
const { handle } = await import('../../src/hooks.server');

let token: string;
beforeAll(async () => {
	await ensureDatabase();
	markSetupDone();
	const { user } = await registerUser({
		name: 'Bu Narti',
		contact: '0813 5555 1212',
		password: 'ledre pisang raja',
		confirm: 'ledre pisang raja'
	});
	token = generateSessionToken();
	await createSession(token, user!.id);
});

function lessonEvent() {
	const url = new URL('http://localhost/courses/manajemen-usaha/menghitung-hpp');
	const jar = new Map([[SESSION_COOKIE, token]]);
	return {
		request: new Request(url, {
			headers: { accept: 'text/html', cookie: `${SESSION_COOKIE}=${token}` }
		}),
		url,
		route: { id: '/courses/[course]/[lesson]' },
		params: { course: 'manajemen-usaha', lesson: 'menghitung-hpp' },
		locals: { user: null, session: null },
		cookies: {
			get: (name: string) => jar.get(name),
			getAll: () => [...jar].map(([name, value]) => ({ name, value })),
			set: () => {},
			delete: () => {},
			serialize: () => ''
		},
		getClientAddress: () => '127.0.0.1',
		setHeaders: () => {},
		isDataRequest: false,
		isSubRequest: false
	} as unknown as RequestEvent;
}

describe('the session of a request', () => {
	it('is read once on a lesson page, shared by the page cache key and locals', async () => {
		const event = lessonEvent();
		reads.session = 0;
		// As SvelteKit's server runs its hooks: inside a request store (a copy of the event per hook).
		const state = {
			tracing: { record_span: ({ fn }: { fn: (span: object) => unknown }) => fn({}) }
		};
		const response = await with_request_store({ event, state }, () =>
			handle({
				event,
				resolve: async (e) => {
					// The page is rendered signed in: locals came from the same read.
					expect(e.locals.user?.name).toBe('Bu Narti');
					return new Response('<!doctype html><p>pelajaran</p>', {
						headers: { 'content-type': 'text/html' }
					});
				}
			})
		);
		expect(response.status).toBe(200);
		expect(reads.session).toBe(1);
	});
});
