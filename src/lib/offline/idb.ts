import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SyncEventInput } from '$lib/sync/contract';

/** An event waiting to be sent, exactly as the sync contract has the browser send it. */
export type OutboxEvent = SyncEventInput;

/** One IndexedDB database per site: it survives tab crashes, restarts and going offline. */

interface NaikKelasDB extends DBSchema {
	outbox: { key: string; value: OutboxEvent & { queuedAt: number } };
	/** Lessons this device has completed, shown before (or without) an account. */
	done: { key: string; value: { key: string; course: string; lesson: string } };
	meta: { key: string; value: unknown };
}

type Database = IDBPDatabase<NaikKelasDB>;

/** True when the browser refused IndexedDB and this page keeps its outbox in memory. */
export const isInMemory = (d: Database) => 'inMemory' in d;
let db: Promise<Database> | undefined;

export function database() {
	// Opened inside then(): a sandboxed frame's IndexedDB throws at once, not in the promise.
	db ??= Promise.resolve()
		.then(() =>
			openDB<NaikKelasDB>('naik-kelas', 1, {
				upgrade(d) {
					d.createObjectStore('outbox', { keyPath: 'id' });
					d.createObjectStore('done', { keyPath: 'key' });
					d.createObjectStore('meta');
				}
			})
		)
		.catch(() => memoryDatabase());
	return db;
}

/**
 * Where the browser refuses IndexedDB (a partner's embed with third-party cookies blocked,
 * a sandboxed frame): the same few calls, in memory for the life of the page. Progress still
 * reaches the server at once; only what waits in the outbox is lost if the page is closed.
 */
function memoryDatabase(): Database {
	const stores = { outbox: new Map(), done: new Map(), meta: new Map() };
	type Name = keyof typeof stores;
	const keyOf = (name: Name, value: Record<string, string>) =>
		name === 'outbox' ? value.id : value.key;
	const memory = {
		get: async (name: Name, key: string) => stores[name].get(key),
		put: async (name: Name, value: Record<string, string>, key?: string) => {
			stores[name].set(key ?? keyOf(name, value), value);
		},
		getAll: async (name: Name) => [...stores[name].values()],
		count: async (name: Name) => stores[name].size,
		transaction: (name: Name) => ({
			store: { delete: async (key: string) => void stores[name].delete(key) },
			done: Promise.resolve()
		})
	};
	return Object.assign(memory, { inMemory: true }) as unknown as Database;
}
