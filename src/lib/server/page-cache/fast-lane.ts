import type { IncomingMessage, ServerResponse } from 'node:http';
import { notModified } from './handle';
import { pageKey } from './key';
import { openFastLane as open } from './lane.js';
import { lookup } from './store';

/**
 * Cached lesson pages answered straight from node's request, before SvelteKit turns it into a
 * web Request and back: that round trip cost more CPU than everything else a cached page
 * needs (measured in BENCHMARKS.md). Same key, same entry and same headers as the SvelteKit
 * hook (./handle.ts), so a learner cannot tell which one answered; anything that is not a hit
 * (a miss, a session that needs a write, any other page) goes on to SvelteKit unchanged.
 *
 * The init hook hands it to server.js through ./lane.js.
 */

const header = (req: IncomingMessage) => (name: string) => {
	const value = req.headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
};

/**
 * Answers `req` from the cache and returns true, or returns false having written nothing.
 * `origin` is the site's origin exactly as SvelteKit would see it for this request.
 */
export async function serveFromPageCache(
	req: IncomingMessage,
	res: ServerResponse,
	origin: string
): Promise<boolean> {
	if (req.method !== 'GET' || !req.url?.startsWith('/courses/')) return false;
	const key = await pageKey({ method: req.method, path: req.url, origin, header: header(req) });
	const entry = key ? lookup(key) : undefined;
	if (!entry) return false;
	const unchanged = notModified(entry, req.headers['if-none-match']);
	if (unchanged) res.writeHead(304, unchanged).end();
	else res.writeHead(200, entry.headers).end(entry.body);
	return true;
}

/** Called from the server's init hook: from then on server.js may use the fast lane. */
export function openFastLane() {
	open(serveFromPageCache);
}
