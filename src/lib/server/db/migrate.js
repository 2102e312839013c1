// Applies the committed drizzle-kit migrations (WAL first for the embedded file database).
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { resolve } from 'node:path';

/**
 * @param {import('@libsql/client').Client} client
 * @param {string} url
 */
export async function migrateWith(client, url) {
	if (url.startsWith('file:')) {
		await client.execute('PRAGMA journal_mode = WAL');
		await client.execute('PRAGMA synchronous = NORMAL');
	}
	// Relative to the working directory: `npm start` and the tests run from the repository root.
	await migrate(drizzle(client), {
		migrationsFolder: resolve(process.env.MIGRATIONS_DIR ?? 'drizzle')
	});
}
