// Where the app hands server.js its Host check (./host.ts), typed: the same process-wide
// hand-off as the page cache's fast lane (./page-cache/lane.js), for the same reason.

const KEY = Symbol.for('naik-kelas.host-check');

/** @typedef {(host: string | undefined) => string | null} HostRefusal Why a Host is refused, or null. */

/** @param {HostRefusal} check Called from the app's init hook. */
export function openHostLane(check) {
	/** @type {Record<symbol, unknown>} */ (globalThis)[KEY] = check;
}

/** @returns {HostRefusal | undefined} The Host check, once the app has opened it. */
export function hostLane() {
	return /** @type {HostRefusal | undefined} */ (
		/** @type {Record<symbol, unknown>} */ (globalThis)[KEY]
	);
}
