import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';
import { serializeWrites } from './write-lock';

export const DEFAULT_DATABASE_URL = 'file:data/naik-kelas.db';

export function openDatabase(url = DEFAULT_DATABASE_URL, authToken?: string) {
	if (url.startsWith('file:')) {
		const path = url.slice('file:'.length);
		if (path && !path.startsWith(':memory:'))
			mkdirSync(dirname(resolve(path)), { recursive: true });
	}
	// `timeout` is SQLite's busy timeout, set on every pooled connection; a PRAGMA would be
	// lost when a transaction takes a fresh connection.
	const opened = createClient({ url, authToken, timeout: 5000 });
	// The embedded database blocks the event loop while it waits for a lock: see write-lock.ts.
	const client = url.startsWith('file:') ? serializeWrites(opened) : opened;
	const db = drizzle(client, { schema });
	return { client, db };
}

export type Database = ReturnType<typeof openDatabase>['db'];
