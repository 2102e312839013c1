import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';
import { serializeWrites } from './serialize-writes';

export const DEFAULT_DATABASE_URL = 'file:data/naik-kelas.db';

/**
 * The database holds names, phone numbers and password hashes: readable by the server's own
 * user only, like the secrets beside it in data/. SQLite would create the file with the
 * process's umask (usually world-readable 0644) and gives its -wal and -shm files the
 * database file's permissions, so the file is made 0600 before SQLite opens it, and an older
 * install's files are tightened at start.
 */
function keepPrivate(path: string) {
	const file = resolve(path);
	mkdirSync(dirname(file), { recursive: true });
	closeSync(openSync(file, 'a', 0o600));
	for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`])
		try {
			if (statSync(f).mode & 0o077) chmodSync(f, 0o600);
		} catch {
			// Not there (yet): SQLite makes it with the database file's permissions.
		}
}

export function openDatabase(url = DEFAULT_DATABASE_URL, authToken?: string) {
	if (url.startsWith('file:')) {
		const path = url.slice('file:'.length).split('?')[0];
		if (path && !path.startsWith(':memory:')) keepPrivate(path);
	}
	// `timeout` is SQLite's busy timeout, set on every pooled connection; a PRAGMA would be
	// lost when a transaction takes a fresh connection.
	const pooled = createClient({ url, authToken, timeout: 5000 });
	const client = url.startsWith('file:') ? serializeWrites(pooled) : pooled;
	const db = drizzle(client, { schema });
	return { client, db };
}

export type Database = ReturnType<typeof openDatabase>['db'];
