import { openDB, type DBSchema } from 'idb';

/** One IndexedDB database per site: it survives tab crashes, restarts and going offline. */
export type OutboxEvent = {
	id: string;
	kind: 'lesson_opened' | 'lesson_completed' | 'practice_answered' | 'quiz_submitted';
	course: string;
	lesson: string | null;
	at: string;
	payload?: unknown;
};

interface NaikKelasDB extends DBSchema {
	outbox: { key: string; value: OutboxEvent & { queuedAt: number } };
	/** Lessons this device has completed, shown before (or without) an account. */
	done: { key: string; value: { key: string; course: string; lesson: string } };
	meta: { key: string; value: unknown };
}

let db: ReturnType<typeof openDB<NaikKelasDB>> | undefined;

export function database() {
	db ??= openDB<NaikKelasDB>('naik-kelas', 1, {
		upgrade(d) {
			d.createObjectStore('outbox', { keyPath: 'id' });
			d.createObjectStore('done', { keyPath: 'key' });
			d.createObjectStore('meta');
		}
	});
	return db;
}
