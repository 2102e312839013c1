import { DEFAULT_DATABASE_URL, openDatabase } from './client';
import { migrateWith } from './migrate.js';

// Read from process.env (not $env) so the same module serves the app, scripts and vitest.
const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;

export const { client, db } = openDatabase(url, process.env.DATABASE_AUTH_TOKEN || undefined);

let ready: Promise<void> | undefined;

/** Migrates once per process; every caller awaits the same promise. */
export function ensureDatabase() {
	ready ??= migrateWith(client, url);
	return ready;
}

export * as table from './schema';

/** The database or an open transaction: helpers that write take either, so a caller can group them. */
export type Executor = typeof db | Parameters<Parameters<typeof db.transaction>[0]>[0];
