import type { Handle, RequestEvent } from '@sveltejs/kit';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { requestToken } from '$lib/server/auth/session';
import { encodingFor, pageKey, type Encoding } from './key';
import { clearEntries, lookup, remember, type Entry } from './store';

/**
 * The lesson page cache as SvelteKit's outermost hook: a hit is answered before any other hook
 * runs; a miss is rendered by the rest of the chain and kept, with the headers the other hooks
 * set, so that server.js's fast lane can send exactly the same response without SvelteKit.
 * Rendering and brotli were most of the CPU a page cost.
 */

const LESSON_ROUTE = '/courses/[course]/[lesson]';
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Renders under way: fifty learners opening the same new lesson at once render it once. */
const rendering = new Map<string, Promise<Entry | Response>>();

/** Brotli's window (log2 bytes, 10 to 24) that holds `size` bytes. */
function windowBits(size: number) {
	return Math.min(24, Math.max(10, Math.ceil(Math.log2(size + 16))));
}

async function compress(html: Uint8Array, encoding: Encoding): Promise<Uint8Array> {
	if (encoding === 'br')
		return brotli(html, {
			params: {
				// Once per entry, not per request: spend CPU on fewer bytes for the learner.
				[constants.BROTLI_PARAM_QUALITY]: 9,
				[constants.BROTLI_PARAM_SIZE_HINT]: html.byteLength,
				// A window just large enough for the page: the same bytes out, and 0.7 instead of
				// 8.6 ms of CPU for a 15 KB lesson (the default 4 MB window is set up per call).
				[constants.BROTLI_PARAM_LGWIN]: windowBits(html.byteLength)
			}
		});
	if (encoding === 'gzip') return gz(html, { level: 9 });
	return html;
}

/** The request as the key reads it. */
function fromEvent(event: RequestEvent) {
	const { request, url } = event;
	return {
		method: request.method,
		path: url.pathname + url.search,
		origin: url.origin,
		header: (name: string) => request.headers.get(name),
		session: () => requestToken(event)
	};
}

/** The 304 for a browser that has this entry already, or null. */
export function notModified(entry: Entry, ifNoneMatch: string | null | undefined) {
	return entry.etag && ifNoneMatch === entry.etag
		? { etag: entry.etag, vary: 'Accept-Encoding' }
		: null;
}

function respond(entry: Entry, request: Request) {
	const unchanged = notModified(entry, request.headers.get('if-none-match'));
	if (unchanged) return new Response(null, { status: 304, headers: unchanged });
	return new Response(entry.body as BodyInit, { status: 200, headers: entry.headers });
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
	const key = event.route.id === LESSON_ROUTE ? await pageKey(fromEvent(event)) : null;
	if (!key) return resolve(event);
	const hit = lookup(key);
	if (hit) return respond(hit, event.request);
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
	const encoding = encodingFor(event.request.headers.get('accept-encoding'));
	const body = await compress(html, encoding);
	const headers = Object.fromEntries(response.headers);
	// A known length: no chunked encoding, and the phone can show progress.
	headers['content-length'] = String(body.byteLength);
	if (encoding !== 'identity') headers['content-encoding'] = encoding;
	headers['vary'] = headers['vary'] ? `${headers['vary']}, Accept-Encoding` : 'Accept-Encoding';
	return { body, headers, etag: response.headers.get('etag') };
}

/** For tests: forget every entry. */
export function clearPageCache() {
	clearEntries();
	rendering.clear();
}
