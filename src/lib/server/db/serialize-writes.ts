import type { Client, InStatement, Transaction, TransactionMode } from '@libsql/client';

/**
 * One writer at a time per process, for an embedded (file:) database.
 *
 * libSQL runs SQLite on the JavaScript thread and pools connections. While one request holds the
 * write lock in an open transaction (awaiting between its statements), a second request's write
 * on another pooled connection waits in SQLite's busy handler, synchronously, blocking the very
 * thread that would finish the first transaction: both stall for the whole busy timeout and the
 * second fails with SQLITE_BUSY (seen as 500s from /api/sync under concurrent phones). Queueing
 * writes here turns that into a short wait. Reads (SELECT) do not queue: WAL lets them run beside
 * a writer. Between processes (cluster workers) SQLite's busy timeout still applies, and works,
 * since the lock holder is another thread.
 */
export function serializeWrites(client: Client, maxWaitMs = 5000): Client {
	let tail: Promise<void> = Promise.resolve();

	/** Resolves with `release` once every earlier writer is done; rejects after `maxWaitMs`. */
	function lock(): Promise<() => void> {
		let release!: () => void;
		const mine = new Promise<void>((r) => (release = r));
		const previous = tail;
		tail = previous.then(() => mine);
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				// Still queued: let the queue pass our turn once it arrives.
				void previous.then(release);
				reject(
					Object.assign(new Error('SQLITE_BUSY: waited too long for the write lock'), {
						code: 'SQLITE_BUSY'
					})
				);
			}, maxWaitMs);
		});
		return Promise.race([previous.then(() => release), timeout]).finally(() => clearTimeout(timer));
	}

	const isRead = (stmt: InStatement) => {
		const text = typeof stmt === 'string' ? stmt : stmt.sql;
		return /^\s*(select|with)\b/i.test(text) && !/\b(insert|update|delete|replace)\b/i.test(text);
	};

	async function locked<T>(run: () => Promise<T>) {
		const release = await lock();
		try {
			return await run();
		} finally {
			release();
		}
	}

	function holdUntilDone(tx: Transaction, release: () => void): Transaction {
		let released = false;
		const done = () => {
			if (released) return;
			released = true;
			release();
		};
		return new Proxy(tx, {
			get(target, prop) {
				const value = Reflect.get(target, prop, target);
				if (prop === 'commit' || prop === 'rollback')
					return async () => {
						try {
							return await value.call(target);
						} finally {
							done();
						}
					};
				if (prop === 'close')
					return () => {
						try {
							return value.call(target);
						} finally {
							done();
						}
					};
				return typeof value === 'function' ? value.bind(target) : value;
			}
		});
	}

	return new Proxy(client, {
		get(target, prop) {
			const value = Reflect.get(target, prop, target);
			switch (prop) {
				case 'execute':
					return (...args: Parameters<Client['execute']>) => {
						const run = () =>
							(value as (...a: typeof args) => ReturnType<Client['execute']>).apply(target, args);
						return isRead(args[0]) ? run() : locked(run);
					};
				case 'batch':
				case 'migrate':
				case 'executeMultiple':
					return (...args: unknown[]) => locked(() => value.apply(target, args));
				case 'transaction':
					return async (mode?: TransactionMode) => {
						if (mode === 'read') return target.transaction(mode);
						const release = await lock();
						try {
							return holdUntilDone(await target.transaction(mode), release);
						} catch (e) {
							release();
							throw e;
						}
					};
				default:
					return typeof value === 'function' ? value.bind(target) : value;
			}
		}
	});
}
