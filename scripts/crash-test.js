// Crash safety of /api/sync: the production server is killed with SIGKILL in the middle of
// traffic from many phones, twice (the whole cluster at once, then the primary alone), and
// restarted on the same database. Every event it acknowledged must be there exactly once, the
// phones' resent events must not be doubled, and SQLite must report `integrity_check: ok`.
//
//   npm run build:test && node scripts/crash-test.js     (CRASH_PORT to choose the port)
import { createClient } from '@libsql/client';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Device, drain, drive, lessonSlugs, signUp } from './ops/devices.js';
import { freePort, startServer } from './ops/server.js';
import { TEST_BUILD_DIR } from './ops/test-build.js';
import { checklist } from './lib/checks.js';
import { countProgressEvents } from './lib/progress-events.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GUESTS = 36;
const LEARNERS = 4;
/** Acknowledged events per round before the kill: enough that requests are surely in flight. */
const PER_ROUND = 400;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const { check, finish } = checklist('CRASH TEST');

async function withDb(dbFile, fn) {
	const db = createClient({ url: `file:${dbFile}` });
	try {
		return await fn(db);
	} finally {
		db.close();
	}
}

async function integrity(db) {
	const r = await db.execute('PRAGMA integrity_check');
	return r.rows.map((row) => String(Object.values(row)[0])).join('; ');
}

/** After a kill, before the restart: what the database file holds on its own. */
async function afterKill(dbFile, devices, label) {
	await withDb(dbFile, async (db) => {
		const result = await integrity(db);
		check(result === 'ok', `${label}: PRAGMA integrity_check`, result);
		const acked = devices.flatMap((d) => [...d.acked]);
		const { rows, distinct } = await countProgressEvents(db, acked);
		check(
			distinct === acked.length && rows === acked.length,
			`${label}: every acknowledged event is stored exactly once`,
			`${acked.length} acknowledged, ${distinct} found, ${rows} rows`
		);
		const pending = devices.flatMap((d) => [...d.unanswered]);
		const { distinct: committed } = await countProgressEvents(db, pending);
		console.log(
			`        ${pending.length} events were in requests that got no answer; ${committed} of them had been stored anyway`
		);
	});
}

/** Traffic until `PER_ROUND` more events are acknowledged, then `kill` while it goes on. */
async function roundUntilKill(server, devices, kill) {
	for (const d of devices) d.unanswered.clear();
	const ackedNow = () => devices.reduce((n, d) => n + d.acked.size, 0);
	const target = ackedNow() + PER_ROUND;
	let stopped = false;
	const traffic = drive(devices, server.url, () => stopped);
	const until = Date.now() + 30_000;
	while (ackedNow() < target && Date.now() < until) await sleep(10);
	const inFlight = devices.reduce((n, d) => n + d.requests, 0);
	kill();
	stopped = true;
	await traffic;
	return inFlight;
}

async function main() {
	if (!existsSync(join(TEST_BUILD_DIR, 'handler.js'))) {
		console.error(`crash-test: ${TEST_BUILD_DIR} is missing; run \`npm run build:test\` first.`);
		process.exit(2);
	}
	const started = Date.now();
	const dir = await mkdtemp(join(tmpdir(), 'nk-crash-'));
	const dbFile = join(dir, 'crash.db');
	const port = await freePort(process.env.CRASH_PORT);
	const boot = () => startServer({ repo, dbFile, dataDir: dir, port, workers: 2 });
	let server;
	try {
		console.log(`Crash test: production server with 2 workers on port ${port}, database ${dbFile}`);
		server = await boot();
		const lessons = lessonSlugs(repo);
		const cookies = await signUp(server.url, LEARNERS);
		const devices = [
			...cookies.map((cookie, i) => new Device({ lessons, cookie, userLabel: `learner ${i}` })),
			...Array.from({ length: GUESTS }, () => new Device({ lessons }))
		];
		console.log(
			`${devices.length} phones (${LEARNERS} signed in, ${GUESTS} guests) sending /api/sync`
		);

		await roundUntilKill(server, devices, server.killAll);
		await server.gone();
		console.log('1. SIGKILL to the primary and both workers at once, mid-load');
		await afterKill(dbFile, devices, 'after kill 1');

		server = await boot();
		await roundUntilKill(server, devices, server.killPrimary);
		let orphans = '';
		try {
			await server.gone(5000);
		} catch (e) {
			orphans = String(e);
			server.killAll();
			await server.gone();
		}
		console.log('2. SIGKILL to the primary alone, mid-load');
		check(!orphans, 'the workers exit with their primary (no orphan holds the database)', orphans);
		await afterKill(dbFile, devices, 'after kill 2');

		server = await boot();
		const empty = await drain(devices, server.url);
		await server.stop();
		console.log('3. restarted; the phones resent everything still in their outboxes');
		check(empty, 'every outbox emptied after the restart');

		await withDb(dbFile, async (db) => {
			const created = devices.flatMap((d) => [...d.created.keys()]);
			const { rows, distinct } = await countProgressEvents(db, created);
			check(
				rows === created.length && distinct === created.length,
				'every event recorded by the phones is stored exactly once',
				`${created.length} recorded, ${distinct} stored, ${rows} rows`
			);
			const ids = devices.map((d) => d.deviceId);
			const total = await db.execute({
				sql: `select count(*) as n from progress_event where device_id in (${ids.map(() => '?').join(',')})`,
				args: ids
			});
			check(
				Number(total.rows[0].n) === created.length,
				'no other rows for these phones',
				`${total.rows[0].n} rows`
			);
			const missing = await db.execute(`
				select count(*) as n from (
					select distinct user_id, course, lesson from progress_event
					where user_id is not null and kind = 'lesson_completed'
				) e left join lesson_progress p
					on p.user_id = e.user_id and p.course = e.course and p.lesson = e.lesson
				where p.user_id is null`);
			check(
				Number(missing.rows[0].n) === 0,
				"signed-in learners' completed lessons were recorded with their events",
				`${missing.rows[0].n} missing`
			);
			const rejected = devices.flatMap((d) => d.rejected);
			check(
				rejected.length === 0,
				'no event was rejected',
				rejected
					.slice(0, 3)
					.map((r) => r.reason)
					.join('; ')
			);
			const result = await integrity(db);
			check(result === 'ok', 'final PRAGMA integrity_check', result);
		});
		const requests = devices.reduce((n, d) => n + d.requests, 0);
		console.log(
			`${requests} requests, ${devices.reduce((n, d) => n + d.created.size, 0)} events, ${((Date.now() - started) / 1000).toFixed(1)} s`
		);
	} catch (e) {
		check(false, 'the test ran to the end', e instanceof Error ? e.message : String(e));
		if (server) console.error(server.log().slice(-3000));
	} finally {
		server?.killAll();
		await rm(dir, { recursive: true, force: true });
	}
	finish();
}

await main();
