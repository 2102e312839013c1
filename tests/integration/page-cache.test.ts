import type { RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import { SESSION_COOKIE, createSession, generateSessionToken } from '$lib/server/auth/session';
import { db, ensureDatabase, table } from '$lib/server/db';
import { clearPageCache, handlePageCache, serveFromPageCache } from '$lib/server/page-cache';
import { markLessonDone } from '$lib/server/progress';

const COURSE = 'manajemen-usaha';
const LESSON = 'menghitung-hpp';
const PATH = `/courses/${COURSE}/${LESSON}`;
const ORIGIN = 'http://localhost';
const BROWSER = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };
const DAY = 24 * 60 * 60 * 1000;

async function learnerWithSession(name: string, contact: string) {
	const { user } = await registerUser({
		name,
		contact,
		password: 'ledre pisang raja',
		confirm: 'ledre pisang raja'
	});
	const token = generateSessionToken();
	await createSession(token, user!.id);
	return { id: user!.id, cookie: `${SESSION_COOKIE}=${token}` };
}

let wati: { id: string; cookie: string };
let sri: { id: string; cookie: string };
beforeAll(async () => {
	await ensureDatabase();
	wati = await learnerWithSession('Bu Wati', '0813 4444 5555');
	sri = await learnerWithSession('Bu Sri', '0813 4444 6666');
});
beforeEach(() => clearPageCache());

function lessonEvent(headers: Record<string, string> = BROWSER, path = PATH) {
	const url = new URL(path, ORIGIN);
	return {
		request: new Request(url, { headers }),
		url,
		route: { id: '/courses/[course]/[lesson]' },
		params: { course: COURSE, lesson: LESSON },
		locals: { user: null, session: null },
		cookies: {
			get: (name: string) =>
				(headers.cookie ?? '')
					.split(/;\s*/)
					.find((pair) => pair.startsWith(`${name}=`))
					?.slice(name.length + 1)
		}
	} as unknown as RequestEvent;
}

/** A stand-in for the rest of SvelteKit's hooks and rendering, counting real renders. */
function renderer(extraHeaders: Record<string, string> = {}) {
	const calls = { count: 0 };
	const resolve = async () => {
		calls.count++;
		return new Response(`<!doctype html><p>rendering ${calls.count}</p>`, {
			headers: {
				'content-type': 'text/html',
				etag: `"v${calls.count}"`,
				'x-frame-options': 'DENY',
				...extraHeaders
			}
		});
	};
	return { calls, resolve };
}

const text = async (response: Response) =>
	response.headers.get('content-encoding') === 'br'
		? brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString()
		: response.text();

/** What server.js hands the fast lane, and what it wrote back. */
async function fastLane(headers: Record<string, string>, origin = ORIGIN, path = PATH) {
	const req = {
		method: 'GET',
		url: path,
		headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
	} as unknown as IncomingMessage;
	const written: { status?: number; headers?: Record<string, string>; body?: Buffer } = {};
	const res = {
		writeHead(status: number, h: Record<string, string>) {
			written.status = status;
			written.headers = h;
			return this;
		},
		end(body?: Uint8Array) {
			written.body = body ? Buffer.from(body) : undefined;
			return this;
		}
	} as unknown as ServerResponse;
	const served = await serveFromPageCache(req, res, origin);
	return { served, ...written };
}

describe('the lesson page cache', () => {
	it('renders a lesson once for every guest and sends the same compressed page', async () => {
		const { calls, resolve } = renderer();
		const first = await handlePageCache({ event: lessonEvent(), resolve });
		const second = await handlePageCache({ event: lessonEvent(), resolve });
		expect(calls.count).toBe(1);
		expect(second.headers.get('content-encoding')).toBe('br');
		expect(second.headers.get('vary')).toMatch(/Accept-Encoding/);
		expect(second.headers.get('x-frame-options')).toBe('DENY');
		expect(await text(first)).toBe('<!doctype html><p>rendering 1</p>');
		expect(await text(second)).toBe('<!doctype html><p>rendering 1</p>');
	});

	it('answers a browser that already has the page with 304', async () => {
		const { resolve } = renderer();
		await handlePageCache({ event: lessonEvent(), resolve });
		const again = await handlePageCache({
			event: lessonEvent({ ...BROWSER, 'if-none-match': '"v1"' }),
			resolve
		});
		expect(again.status).toBe(304);
	});

	it('keeps each learner’s page apart, and renders it again after a lesson or a new name', async () => {
		const { calls, resolve } = renderer();
		await handlePageCache({ event: lessonEvent(), resolve });
		await handlePageCache({ event: lessonEvent({ ...BROWSER, cookie: wati.cookie }), resolve });
		const forSri = await handlePageCache({
			event: lessonEvent({ ...BROWSER, cookie: sri.cookie }),
			resolve
		});
		expect(calls.count).toBe(3);
		expect(await text(forSri)).toContain('rendering 3');
		await handlePageCache({ event: lessonEvent({ ...BROWSER, cookie: wati.cookie }), resolve });
		expect(calls.count).toBe(3);

		await markLessonDone(wati.id, COURSE, LESSON);
		const after = await handlePageCache({
			event: lessonEvent({ ...BROWSER, cookie: wati.cookie }),
			resolve
		});
		expect(calls.count).toBe(4);
		expect(await text(after)).toContain('rendering 4');

		await db.update(table.user).set({ name: 'Bu Wati Rahayu' }).where(eq(table.user.id, wati.id));
		await handlePageCache({ event: lessonEvent({ ...BROWSER, cookie: wati.cookie }), resolve });
		expect(calls.count).toBe(5);
		// Another language is another page too.
		await handlePageCache({
			event: lessonEvent({ ...BROWSER, cookie: `${wati.cookie}; nk-lang=en` }),
			resolve
		});
		expect(calls.count).toBe(6);
	});

	it('never keeps a page that sets a cookie, nor one for a session that needs renewing', async () => {
		const withCookie = renderer({ 'set-cookie': 'nk-session=abc; Path=/' });
		await handlePageCache({ event: lessonEvent(), resolve: withCookie.resolve });
		await handlePageCache({ event: lessonEvent(), resolve: withCookie.resolve });
		expect(withCookie.calls.count).toBe(2);

		const plain = renderer();
		await db
			.update(table.session)
			.set({ expiresAt: new Date(Date.now() + 3 * DAY) })
			.where(eq(table.session.userId, sri.id));
		for (let i = 0; i < 2; i++)
			await handlePageCache({
				event: lessonEvent({ ...BROWSER, cookie: sri.cookie }),
				resolve: plain.resolve
			});
		expect(plain.calls.count).toBe(2);
	});

	it('renders a page once when many ask for it at the same moment', async () => {
		const { calls, resolve } = renderer();
		const responses = await Promise.all(
			Array.from({ length: 10 }, () => handlePageCache({ event: lessonEvent(), resolve }))
		);
		expect(calls.count).toBe(1);
		for (const r of responses) expect(await text(r)).toContain('rendering 1');
	});

	it('leaves other pages, queries and form posts to SvelteKit', async () => {
		const { calls, resolve } = renderer();
		const quiz = lessonEvent(BROWSER, `/courses/${COURSE}/quiz`);
		(quiz.route as { id: string }).id = '/courses/[course]/quiz';
		const withQuery = lessonEvent(BROWSER, `${PATH}?x=1`);
		for (const event of [quiz, quiz, withQuery, withQuery])
			await handlePageCache({ event, resolve });
		expect(calls.count).toBe(4);
	});
});

describe('the fast lane (server.js, before SvelteKit)', () => {
	it('sends the page SvelteKit kept, with the same headers, to the same learner only', async () => {
		const { resolve } = renderer();
		const fromKit = await handlePageCache({
			event: lessonEvent({ ...BROWSER, cookie: wati.cookie }),
			resolve
		});
		const kitBody = Buffer.from(await fromKit.arrayBuffer());

		const hit = await fastLane({ ...BROWSER, cookie: wati.cookie });
		expect(hit.served).toBe(true);
		expect(hit.status).toBe(200);
		expect(hit.body?.equals(kitBody)).toBe(true);
		expect(hit.headers?.['x-frame-options']).toBe('DENY');
		expect(hit.headers?.['content-encoding']).toBe('br');
		expect(hit.headers?.['content-length']).toBe(String(kitBody.byteLength));

		// Someone else, a guest, another site's origin, a form post: nothing written.
		expect((await fastLane({ ...BROWSER, cookie: sri.cookie })).served).toBe(false);
		expect((await fastLane(BROWSER)).served).toBe(false);
		expect(
			(await fastLane({ ...BROWSER, cookie: wati.cookie }, 'http://evil.example')).served
		).toBe(false);
		const before304 = await fastLane({ ...BROWSER, cookie: wati.cookie, 'if-none-match': '"v1"' });
		expect(before304.status).toBe(304);
	});

	it('stops serving a learner the moment their account is disabled or they sign out', async () => {
		const { resolve } = renderer();
		const kasih = await learnerWithSession('Bu Kasih', '0813 4444 7777');
		await handlePageCache({ event: lessonEvent({ ...BROWSER, cookie: kasih.cookie }), resolve });
		expect((await fastLane({ ...BROWSER, cookie: kasih.cookie })).served).toBe(true);

		await db.update(table.user).set({ disabledAt: new Date() }).where(eq(table.user.id, kasih.id));
		expect((await fastLane({ ...BROWSER, cookie: kasih.cookie })).served).toBe(false);

		await db.update(table.user).set({ disabledAt: null }).where(eq(table.user.id, kasih.id));
		expect((await fastLane({ ...BROWSER, cookie: kasih.cookie })).served).toBe(true);
		await db.delete(table.session).where(eq(table.session.userId, kasih.id));
		expect((await fastLane({ ...BROWSER, cookie: kasih.cookie })).served).toBe(false);
	});
});
