import Database from 'libsql';
import type { Column } from 'drizzle-orm';
import { fileURLToPath } from 'node:url';

/**
 * The two reads every signed-in page asks (the session and a course's progress), prepared once
 * on a second, read-only use of the embedded database file.
 *
 * @libsql/client prepares each statement again on every call and goes through a promise per
 * query: for these reads that was a quarter of the CPU a cached lesson page cost. A prepared
 * libSQL statement answers in a few microseconds, synchronously, which also lets server.js
 * answer cached pages without SvelteKit (see page-cache/fast-lane.ts).
 *
 * WAL lets this connection read beside the writer; each read sees every committed write, and
 * holds no snapshot afterwards (checkpoints are not held up). A remote database (libsql://,
 * Turso) or an in-memory one has no file to open: there the same queries run through drizzle.
 */

/** The query as drizzle builds it: its SQL and its asynchronous form for remote databases. */
type Query = {
	toSQL(): { sql: string; params: unknown[] };
	prepare(): { all(params: Record<string, unknown>): Promise<unknown[]> };
};

/** Rows as drizzle would return them, read synchronously from the file when there is one. */
export type HotRead<Row> = (params: Record<string, unknown>) => Row[] | Promise<Row[]>;

let reader: Database.Database | null | undefined;

function filePath(url: string): string | null {
	if (!url.startsWith('file:')) return null;
	const path = url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
	return !path || path.includes(':memory:') || path.includes('?') ? null : path;
}

function openReader(): Database.Database | null {
	if (reader !== undefined) return reader;
	const path = filePath(process.env.DATABASE_URL || 'file:data/naik-kelas.db');
	// `timeout`: the busy timeout in ms, as the main client's (only a checkpoint can make a reader wait).
	reader = path ? new Database(path, { timeout: 5000 }) : null;
	return reader;
}

/**
 * Prepares `query` (built with `db.select(fields)` and `sql.placeholder`s) for hot reads.
 * `fields` must be the same object the query selected, in the same order: values are mapped
 * back through each column, as drizzle does (timestamps to Date, booleans from 0/1).
 */
export function hotRead<Q extends Query>(
	query: Q,
	fields: Record<string, Column>
): HotRead<Awaited<ReturnType<ReturnType<Q['prepare']>['all']>>[number]> {
	type Row = Awaited<ReturnType<ReturnType<Q['prepare']>['all']>>[number];
	const remote = query.prepare();
	const { sql, params } = query.toSQL();
	const names = params.map((p) => (p as { name?: string }).name);
	if (names.some((n) => typeof n !== 'string'))
		throw new Error('hotRead: every parameter must be a sql.placeholder');
	const columns = Object.entries(fields);
	let prepared: { on: Database.Database; statement: Database.Statement } | undefined;

	return (values) => {
		const db = openReader();
		if (!db) return remote.all(values) as Promise<Row[]>;
		if (prepared?.on !== db) prepared = { on: db, statement: db.prepare(sql).raw(true) };
		const rows = prepared.statement.all(names.map((n) => values[n!])) as unknown[][];
		return rows.map((raw) => {
			const row: Record<string, unknown> = {};
			columns.forEach(([key, column], i) => {
				const value = raw[i];
				row[key] = value === null ? null : column.mapFromDriverValue(value);
			});
			return row as Row;
		});
	};
}

/** For tests that replace the database file: the next read opens it again. */
export function closeHotReads() {
	reader?.close();
	reader = undefined;
}
