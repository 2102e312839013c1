import { createClient } from '@libsql/client';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeWrites } from './serialize-writes';

const pause = () => new Promise((r) => setTimeout(r, 50));

async function twoWritersAtOnce(wrap: boolean) {
	const url = `file:${join(mkdtempSync(join(tmpdir(), 'nk-serialize-')), 'x.db')}`;
	// A short busy timeout, so the failure without the queue shows quickly.
	const raw = createClient({ url, timeout: 200 });
	const client = wrap ? serializeWrites(raw) : raw;
	await client.execute('PRAGMA journal_mode = WAL');
	await client.execute('create table t (n integer)');
	const slowTransaction = (async () => {
		const tx = await client.transaction('write');
		await tx.execute('insert into t values (1)');
		await pause(); // another request runs meanwhile, as between the statements of a sync
		await tx.execute('insert into t values (2)');
		await tx.commit();
	})();
	const otherWrite = (async () => {
		await pause();
		await client.execute('insert into t values (3)');
	})();
	const outcome = await Promise.allSettled([slowTransaction, otherWrite]);
	const rows = Number((await client.execute('select count(*) as n from t')).rows[0].n);
	client.close();
	return { failed: outcome.filter((o) => o.status === 'rejected').length, rows };
}

describe('serializeWrites', () => {
	it('without it, a write beside an open transaction in the same process fails with SQLITE_BUSY', async () => {
		const { failed } = await twoWritersAtOnce(false);
		expect(failed).toBe(1);
	});

	it('with it, the second write waits for the transaction and both succeed', async () => {
		expect(await twoWritersAtOnce(true)).toEqual({ failed: 0, rows: 3 });
	});

	it('lets reads through while a transaction is open', async () => {
		const url = `file:${join(mkdtempSync(join(tmpdir(), 'nk-serialize-')), 'y.db')}`;
		const client = serializeWrites(createClient({ url, timeout: 200 }));
		await client.execute('create table t (n integer)');
		const tx = await client.transaction('write');
		await tx.execute('insert into t values (1)');
		const read = await client.execute('select count(*) as n from t');
		expect(Number(read.rows[0].n)).toBe(0);
		await tx.commit();
		client.close();
	});
});
