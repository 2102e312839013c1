import { createClient, type Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export const DEFAULT_DATABASE_URL = 'file:data/naik-kelas.db';

export function openDatabase(url = DEFAULT_DATABASE_URL, authToken?: string) {
	if (url.startsWith('file:')) {
		const path = url.slice('file:'.length);
		if (path && !path.startsWith(':memory:'))
			mkdirSync(dirname(resolve(path)), { recursive: true });
	}
	// `timeout` is SQLite's busy timeout, set on every pooled connection; a PRAGMA would be
	// lost when a transaction takes a fresh connection.
	const client = createClient({ url, authToken, timeout: 5000 });
	const db = drizzle(client, { schema });
	return { client, db };
}

export type Database = ReturnType<typeof openDatabase>['db'];

/** Applies the committed drizzle-kit migrations; WAL for the embedded file database. */
export async function prepareDatabase(client: Client, db: Database, url: string) {
	if (url.startsWith('file:')) {
		await client.execute('PRAGMA journal_mode = WAL');
		await client.execute('PRAGMA synchronous = NORMAL');
	}
	await migrate(db, { migrationsFolder: migrationsFolder() });
}

// Relative to the working directory: `npm start` and the tests run from the repository root.
function migrationsFolder() {
	return resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
}
