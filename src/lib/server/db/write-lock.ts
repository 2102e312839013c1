import type { Client, InStatement, Transaction, TransactionMode } from '@libsql/client';

/**
 * One writer at a time within this process.
 *
 * The embedded libSQL driver is synchronous: a statement that finds the database locked waits
 * for SQLite's busy timeout inside the call, and so blocks the whole event loop. When the
 * lock is held by an open transaction of the same process (a sync batch waiting on an
 * `await`), that transaction can never go on: every request of the process stalls for the full
 * timeout and then fails with SQLITE_BUSY. The load test (200 learners syncing and taking
 * quizzes) saw 6 s medians and 500s. Queuing writes here makes them wait on a promise instead,
 * while reads (WAL) go on. Another process's writer is waited for by SQLite as before; it holds
 * the lock only for as long as its own transaction runs.
 */

/** A writer waits at most this long for its turn, then tries anyway (SQLite still guards). */
const MAX_WAIT_MS = 10_000;
const WRITE =
	/^\s*(insert|update|delete|replace|create|drop|alter|pragma|vacuum|begin|savepoint)\b/i;

let queue: Promise<void> = Promise.resolve();

/** Waits for this process's turn to write; call the returned function once done. */
export async function acquireWriteTurn(): Promise<() => void> {
	let release!: () => void;
	const mine = new Promise<void>((resolve) => (release = resolve));
	const before = queue;
	queue = queue.then(() => mine);
	let timer: ReturnType<typeof setTimeout> | undefined;
	await Promise.race([before, new Promise((r) => (timer = setTimeout(r, MAX_WAIT_MS)))]);
	clearTimeout(timer);
	let released = false;
	return () => {
		if (!released) release();
		released = true;
	};
}

const sqlOf = (stmt: InStatement) => (typeof stmt === 'string' ? stmt : stmt.sql);

async function inTurn<T>(fn: () => Promise<T>): Promise<T> {
	const release = await acquireWriteTurn();
	try {
		return await fn();
	} finally {
		release();
	}
}

/** The client, with its writes and write transactions taken one at a time. */
export function serializeWrites(client: Client): Client {
	const execute = (stmt: InStatement, args?: unknown) => {
		const run = () =>
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			(client.execute as any).call(client, stmt, args) as ReturnType<Client['execute']>;
		return WRITE.test(sqlOf(stmt)) ? inTurn(run) : run();
	};
	const batch = (stmts: InStatement[], mode?: TransactionMode) =>
		mode === 'read' ? client.batch(stmts, mode) : inTurn(() => client.batch(stmts, mode));
	const transaction = async (mode?: TransactionMode): Promise<Transaction> => {
		if (mode === 'read') return client.transaction(mode);
		const release = await acquireWriteTurn();
		try {
			const tx = await client.transaction(mode);
			// The turn ends with the transaction, however it ends.
			for (const end of ['commit', 'rollback'] as const) {
				const original = tx[end].bind(tx);
				tx[end] = () => original().finally(release);
			}
			const close = tx.close.bind(tx);
			tx.close = () => {
				close();
				release();
			};
			return tx;
		} catch (e) {
			release();
			throw e;
		}
	};
	return new Proxy(client, {
		get(target, prop) {
			if (prop === 'execute') return execute;
			if (prop === 'batch') return batch;
			if (prop === 'transaction') return transaction;
			const value = Reflect.get(target, prop, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}
