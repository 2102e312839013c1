import type { RequestEvent } from '@sveltejs/kit';
import { brotliDecompressSync } from 'node:zlib';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import type { SessionUser } from '$lib/server/auth/session';
import { ensureDatabase } from '$lib/server/db';
import { bypassPageCache, clearPageCache, handlePageCache } from '$lib/server/page-cache';
import { markLessonDone } from '$lib/server/progress';

const COURSE = 'manajemen-usaha';
const LESSON = 'menghitung-hpp';
const PATH = `/courses/${COURSE}/${LESSON}`;
const BROWSER = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };

let learner: SessionUser;
beforeAll(async () => {
	await ensureDatabase();
	const result = await registerUser({
		name: 'Bu Wati',
		contact: '0813 4444 5555',
		password: 'ledre pisang raja',
		confirm: 'ledre pisang raja'
	});
	const { id, name, role } = result.user!;
	learner = { id, name, role };
});
beforeEach(() => clearPageCache());

function lessonEvent(user: SessionUser | null, headers: Record<string, string> = BROWSER) {
	const url = new URL(`http://localhost${PATH}`);
	return {
		request: new Request(url, { headers }),
		url,
		route: { id: '/courses/[course]/[lesson]' },
		params: { course: COURSE, lesson: LESSON },
		locals: { user, session: null }
	} as unknown as RequestEvent;
}

/** A stand-in for SvelteKit's rendering that counts how often the page was really rendered. */
function renderer(extraHeaders: Record<string, string> = {}) {
	const calls = { count: 0 };
	const resolve = async () => {
		calls.count++;
		return new Response(`<!doctype html><p>rendering ${calls.count}</p>`, {
			headers: { 'content-type': 'text/html', etag: `"v${calls.count}"`, ...extraHeaders }
		});
	};
	return { calls, resolve };
}

const text = async (response: Response) =>
	response.headers.get('content-encoding') === 'br'
		? brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString()
		: response.text();

describe('the lesson page cache', () => {
	it('renders a lesson once for every guest and sends the same compressed page', async () => {
		const { calls, resolve } = renderer();
		const first = await handlePageCache({ event: lessonEvent(null), resolve });
		const second = await handlePageCache({ event: lessonEvent(null), resolve });
		expect(calls.count).toBe(1);
		expect(second.headers.get('content-encoding')).toBe('br');
		expect(second.headers.get('vary')).toMatch(/Accept-Encoding/);
		expect(await text(first)).toBe('<!doctype html><p>rendering 1</p>');
		expect(await text(second)).toBe('<!doctype html><p>rendering 1</p>');
	});

	it('answers a browser that already has the page with 304', async () => {
		const { resolve } = renderer();
		await handlePageCache({ event: lessonEvent(null), resolve });
		const again = await handlePageCache({
			event: lessonEvent(null, { ...BROWSER, 'if-none-match': '"v1"' }),
			resolve
		});
		expect(again.status).toBe(304);
	});

	it('keeps a learner’s page apart from a guest’s, and renders it again once they finish a lesson', async () => {
		const { calls, resolve } = renderer();
		await handlePageCache({ event: lessonEvent(null), resolve });
		await handlePageCache({ event: lessonEvent(learner), resolve });
		expect(calls.count).toBe(2);
		await handlePageCache({ event: lessonEvent(learner), resolve });
		expect(calls.count).toBe(2);

		await markLessonDone(learner.id, COURSE, LESSON);
		const after = await handlePageCache({ event: lessonEvent(learner), resolve });
		expect(calls.count).toBe(3);
		expect(await text(after)).toContain('rendering 3');
		// Another name (the learner edited their profile) is another page too.
		await handlePageCache({ event: lessonEvent({ ...learner, name: 'Bu Wati Rahayu' }), resolve });
		expect(calls.count).toBe(4);
	});

	it('never keeps a page that sets a cookie, nor one for a request that renews the session', async () => {
		const withCookie = renderer({ 'set-cookie': 'nk-session=abc; Path=/' });
		await handlePageCache({ event: lessonEvent(null), resolve: withCookie.resolve });
		await handlePageCache({ event: lessonEvent(null), resolve: withCookie.resolve });
		expect(withCookie.calls.count).toBe(2);

		const plain = renderer();
		await handlePageCache({ event: lessonEvent(null), resolve: plain.resolve });
		const renewing = lessonEvent(null);
		bypassPageCache(renewing.locals);
		const response = await handlePageCache({ event: renewing, resolve: plain.resolve });
		expect(plain.calls.count).toBe(2);
		expect(await text(response)).toContain('rendering 2');
	});

	it('renders a page once when many ask for it at the same moment', async () => {
		const { calls, resolve } = renderer();
		const responses = await Promise.all(
			Array.from({ length: 10 }, () => handlePageCache({ event: lessonEvent(null), resolve }))
		);
		expect(calls.count).toBe(1);
		for (const r of responses) expect(await text(r)).toContain('rendering 1');
	});

	it('leaves other pages, queries and form posts to SvelteKit', async () => {
		const { calls, resolve } = renderer();
		const quiz = lessonEvent(null);
		(quiz.route as { id: string }).id = '/courses/[course]/quiz';
		const withQuery = lessonEvent(null);
		withQuery.url.search = '?x=1';
		for (const event of [quiz, quiz, withQuery, withQuery])
			await handlePageCache({ event, resolve });
		expect(calls.count).toBe(4);
	});
});
