import type { Handle, RequestEvent } from '@sveltejs/kit';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { getLocale } from '$lib/paraglide/runtime';
import { doneInCourseOnce } from '$lib/server/progress';

/**
 * Rendered lesson pages, compressed once and kept in memory (per server process).
 *
 * A lesson page is a function of the build (its text), the locale, who is signed in (name and
 * role, for the navigation) and which lessons of the course they have done: the key holds all
 * of these, so an entry never needs invalidating; a new build starts with an empty cache.
 * Guests share one entry per (lesson, locale). Rendering and brotli were most of the CPU a page
 * cost; a hit costs the session and progress queries the key needs, and a copy of the bytes.
 */

const MAX_BYTES = 32 * 1024 * 1024;
const LESSON_ROUTE = '/courses/[course]/[lesson]';
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

type Encoding = 'br' | 'gzip' | 'identity';
type Entry = { body: Uint8Array; headers: [string, string][]; etag: string | null };

// A Map iterates in insertion order: re-inserting on a hit makes the first key the least used.
const entries = new Map<string, Entry>();
let bytes = 0;
/** Renders under way: fifty learners opening the same new lesson at once render it once. */
const rendering = new Map<string, Promise<Entry | Response>>();

/** Requests that set a cookie (a renewed or dropped session) must go through SvelteKit. */
const settingCookies = new WeakSet<App.Locals>();
export function bypassPageCache(locals: App.Locals) {
	settingCookies.add(locals);
}

function encodingFor(request: Request): Encoding {
	const accepted = request.headers.get('accept-encoding') ?? '';
	if (/\bbr\b/.test(accepted)) return 'br';
	if (/\bgzip\b/.test(accepted)) return 'gzip';
	return 'identity';
}

async function compress(html: Uint8Array, encoding: Encoding): Promise<Uint8Array> {
	if (encoding === 'br')
		return brotli(html, {
			params: {
				// Once per entry, not per request: spend CPU on fewer bytes for the learner.
				[constants.BROTLI_PARAM_QUALITY]: 9,
				[constants.BROTLI_PARAM_SIZE_HINT]: html.byteLength
			}
		});
	if (encoding === 'gzip') return gz(html, { level: 9 });
	return html;
}

/** Everything the page's HTML depends on, or null when this request is not cached. */
async function keyFor(event: RequestEvent): Promise<string | null> {
	const { request, url, route, locals, params } = event;
	if (request.method !== 'GET' || route.id !== LESSON_ROUTE || url.search) return null;
	if (!request.headers.get('accept')?.includes('text/html')) return null;
	if (settingCookies.has(locals) || !params.course) return null;
	const user = locals.user;
	const who = user ? JSON.stringify([user.id, user.name, user.role]) : 'guest';
	const done = user ? [...(await doneInCourseOnce(locals, params.course))].sort().join(',') : '';
	return `${url.pathname}\n${getLocale()}\n${who}\n${done}\n${encodingFor(request)}`;
}

function remember(key: string, entry: Entry) {
	if (entry.body.byteLength > MAX_BYTES / 64) return;
	entries.set(key, entry);
	bytes += entry.body.byteLength;
	for (const [oldest, old] of entries) {
		if (bytes <= MAX_BYTES) break;
		entries.delete(oldest);
		bytes -= old.body.byteLength;
	}
}

function respond(entry: Entry, request: Request) {
	const headers = new Headers(entry.headers);
	// A known length: no chunked encoding, and the phone can show progress.
	headers.set('content-length', String(entry.body.byteLength));
	if (entry.etag && request.headers.get('if-none-match') === entry.etag)
		return new Response(null, {
			status: 304,
			headers: { etag: entry.etag, vary: 'Accept-Encoding' }
		});
	return new Response(entry.body as BodyInit, { status: 200, headers });
}

/** A cacheable response: a plain 200 page that sets no cookie and carries no per-request nonce. */
function cacheable(response: Response) {
	const h = response.headers;
	return (
		response.status === 200 &&
		!!h.get('content-type')?.startsWith('text/html') &&
		!h.has('set-cookie') &&
		!h.has('content-encoding') &&
		!/nonce-/.test(h.get('content-security-policy') ?? '')
	);
}

export const handlePageCache: Handle = async ({ event, resolve }) => {
	const key = await keyFor(event);
	if (!key) return resolve(event);
	const hit = entries.get(key);
	if (hit) {
		entries.delete(key);
		entries.set(key, hit);
		return respond(hit, event.request);
	}
	const pending = rendering.get(key);
	if (pending) {
		const done = await pending;
		// The first request's response was not cacheable (its body is taken): render this one.
		return done instanceof Response ? resolve(event) : respond(done, event.request);
	}
	const render = renderEntry(event, resolve);
	rendering.set(key, render);
	try {
		const done = await render;
		if (done instanceof Response) return done;
		remember(key, done);
		return respond(done, event.request);
	} finally {
		rendering.delete(key);
	}
};

/** Renders the page; the compressed entry, or the response itself when it may not be kept. */
async function renderEntry(
	event: RequestEvent,
	resolve: Parameters<Handle>[0]['resolve']
): Promise<Entry | Response> {
	const response = await resolve(event);
	if (!cacheable(response)) return response;
	const html = new Uint8Array(await response.arrayBuffer());
	const encoding = encodingFor(event.request);
	const headers: [string, string][] = [...response.headers].filter(
		([name]) => name !== 'content-length'
	);
	if (encoding !== 'identity') headers.push(['content-encoding', encoding]);
	headers.push(['vary', 'Accept-Encoding']);
	return { body: await compress(html, encoding), headers, etag: response.headers.get('etag') };
}

/** For tests: forget every entry. */
export function clearPageCache() {
	entries.clear();
	rendering.clear();
	bytes = 0;
}
