// Where the app hands server.js the lesson page cache's fast lane (./fast-lane.ts), typed.
//
// A plain module that both sides import: server.js from the source tree, the app from its
// bundle. adapter-node bundles the server again after Vite, with hashed chunk names, so
// server.js cannot import the app's own copy of the cache; the two copies of this module meet
// on one process-wide key instead, and this file is the only place that knows it.

const KEY = Symbol.for('naik-kelas.page-cache.fast-lane');

/**
 * Answers a request from the cache and resolves true, or resolves false having written nothing.
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, origin: string) => Promise<boolean>} FastLane
 */

/** @param {FastLane} lane Called from the app's init hook, once the database is open. */
export function openFastLane(lane) {
	/** @type {Record<symbol, unknown>} */ (globalThis)[KEY] = lane;
}

/** @returns {FastLane | undefined} The fast lane, once the app has opened it. */
export function fastLane() {
	return /** @type {FastLane | undefined} */ (
		/** @type {Record<symbol, unknown>} */ (globalThis)[KEY]
	);
}
