/**
 * Rendered lesson pages, compressed once and kept in memory (per server process), least
 * recently used first out. Keys come from ./key.ts; entries from ./handle.ts.
 */

const MAX_BYTES = 32 * 1024 * 1024;

export type Entry = {
	body: Uint8Array;
	/** The response's headers as SvelteKit's hooks left them, content-length included. */
	headers: Record<string, string>;
	etag: string | null;
};

// A Map iterates in insertion order: re-inserting on a hit makes the first key the least used.
const entries = new Map<string, Entry>();
let bytes = 0;

export function lookup(key: string): Entry | undefined {
	const hit = entries.get(key);
	if (hit) {
		entries.delete(key);
		entries.set(key, hit);
	}
	return hit;
}

export function remember(key: string, entry: Entry) {
	if (entry.body.byteLength > MAX_BYTES / 64) return;
	const old = entries.get(key);
	if (old) bytes -= old.body.byteLength;
	entries.set(key, entry);
	bytes += entry.body.byteLength;
	for (const [oldest, out] of entries) {
		if (bytes <= MAX_BYTES) break;
		entries.delete(oldest);
		bytes -= out.body.byteLength;
	}
}

/** For tests: forget every entry. */
export function clearEntries() {
	entries.clear();
	bytes = 0;
}
