// Backup under load, then restore into a new place, and compare: the production server serves
// sync traffic from many phones while `npm run backup` runs; the archive is restored with
// `npm run restore` into a fresh data directory and database, which must hold every event
// acknowledged before the backup began, a consistent state (no batch half there), the same row
// counts as the manifest, byte-equal files, and pass `PRAGMA integrity_check`; the app must start
// on it with the same issuer key.
//
//   npm run build:test && node scripts/backup-test.js     (BACKUP_TEST_PORT to choose the port)
import { createClient } from '@libsql/client';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import * as tar from 'tar';
import { Device, drive, lessonSlugs, signUp } from './ops/devices.js';
import { freePort, startServer } from './ops/server.js';
import { TEST_BUILD_DIR } from './ops/test-build.js';
import { checklist } from './lib/checks.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const { check, finish } = checklist('BACKUP TEST');

/** Runs one of our npm scripts' node files with the given environment; never throws. */
async function script(file, args, env) {
	try {
		const { stdout, stderr } = await run(process.execPath, [join(repo, 'scripts', file), ...args], {
			cwd: repo,
			env: { ...process.env, ...env }
		});
		return { code: 0, out: stdout + stderr };
	} catch (err) {
		const e = /** @type {{ code?: number, stdout?: string, stderr?: string }} */ (err);
		return { code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
	}
}

async function query(dbFile, sql, args = []) {
	const db = createClient({ url: `file:${dbFile}` });
	try {
		return (await db.execute({ sql, args })).rows;
	} finally {
		db.close();
	}
}

/** @param {string} dir @param {(rel: string) => boolean} [skip] */
async function filesUnder(dir, skip = () => false) {
	const out = new Map();
	async function walk(sub) {
		for (const e of await readdir(join(dir, sub), { withFileTypes: true }).catch(() => [])) {
			const rel = join(sub, e.name);
			if (skip(rel)) continue;
			if (e.isDirectory()) await walk(rel);
			else
				out.set(
					rel,
					createHash('sha256')
						.update(await readFile(join(dir, rel)))
						.digest('hex')
				);
		}
	}
	await walk('');
	return out;
}

/** A small real JPEG (the app re-encodes every photo); the test only compares bytes. */
function photo(seed) {
	return sharp({
		create: {
			width: 64 + seed,
			height: 48,
			channels: 3,
			background: { r: 40 * seed, g: 120, b: 60 }
		}
	})
		.jpeg()
		.toBuffer();
}

async function postMultipart(base, path, cookie, fields) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	const res = await fetch(`${base}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, cookie, accept: 'application/json', 'x-sveltekit-action': 'true' },
		body: form
	});
	const body = await res.text();
	if (res.status !== 200 || body.includes('"type":"failure"'))
		throw new Error(`POST ${path}: ${res.status} ${body.slice(0, 300)}`);
}

async function main() {
	if (!existsSync(join(TEST_BUILD_DIR, 'handler.js'))) {
		console.error(`backup-test: ${TEST_BUILD_DIR} is missing; run \`npm run build:test\` first.`);
		process.exit(2);
	}
	const started = Date.now();
	const dir = await mkdtemp(join(tmpdir(), 'nk-backup-test-'));
	// As installed by default: the database inside the data directory.
	const dataDir = join(dir, 'data');
	const dbFile = join(dataDir, 'naik-kelas.db');
	const archive = join(dir, 'cadangan.tar.gz');
	const restoredDir = join(dir, 'pulih', 'data');
	const restoredDb = join(dir, 'pulih', 'db', 'naik-kelas.db');
	const env = { DATABASE_URL: `file:${dbFile}`, DATA_DIR: dataDir };
	const port = await freePort(process.env.BACKUP_TEST_PORT);
	let server;
	try {
		console.log(
			`Backup test: production server with 2 workers on port ${port}, data in ${dataDir}`
		);
		await mkdir(dataDir, { recursive: true });
		server = await startServer({ repo, dbFile, dataDir, port });
		const [cookie] = await signUp(server.url, 1);
		const issuer = await (await fetch(`${server.url}/issuer`)).json();
		await postMultipart(server.url, '/account?/business', cookie, {
			name: 'Ledre Bu Sri',
			products: 'ledre pisang',
			kecamatan: 'Padangan',
			desa: 'Kuncen'
		});
		const uploads = [
			['rintisan', 'buku-kas'],
			['siap-pasar-modern', 'label'],
			['siap-pasar-modern', 'produk-siap-rak']
		];
		for (const [i, [tier, item]] of uploads.entries()) {
			await postMultipart(server.url, '/account?/evidence', cookie, {
				tier,
				item,
				file: new File([await photo(i + 1)], `${item}.jpg`, { type: 'image/jpeg' })
			});
		}
		const lessons = lessonSlugs(repo);
		const devices = [
			new Device({ lessons, cookie }),
			...Array.from({ length: 24 }, () => new Device({ lessons }))
		];
		/** @type {Map<Device, string[]>} */
		const order = new Map(devices.map((d) => [d, []]));
		for (const d of devices) {
			const add = d.acked.add.bind(d.acked);
			/** @param {string} id */
			d.acked.add = (id) => (d.acked.has(id) ? d.acked : (order.get(d)?.push(id), add(id)));
		}
		let stopped = false;
		const traffic = drive(devices, server.url, () => stopped);
		const ackedNow = () => devices.reduce((n, d) => n + d.acked.size, 0);
		while (ackedNow() < 300) await sleep(10);

		const before = new Set(devices.flatMap((d) => [...d.acked]));
		const made = await script('backup.js', ['--out', archive], env);
		const after = ackedNow();
		console.log(
			`1. npm run backup while ${devices.length} phones sync: ${before.size} events acknowledged before, ${after} after`
		);
		check(made.code === 0, 'backup exits 0', made.out.trim().split('\n')[0]);
		while (ackedNow() < after + 100) await sleep(10);
		stopped = true;
		await traffic;
		await server.stop();
		server = undefined;

		const entries = [];
		await tar.list({ file: archive, onReadEntry: (e) => entries.push(e.path) });
		const manifest = JSON.parse(
			await new Promise((res, rej) => {
				const chunks = [];
				tar
					.list({
						file: archive,
						filter: (p) => p === 'manifest.json',
						onReadEntry: (e) => e.on('data', (c) => chunks.push(c))
					})
					.then(() => res(Buffer.concat(chunks).toString()), rej);
			})
		);
		check(
			!entries.some((p) => p.endsWith('.db-wal') || p === 'data/naik-kelas.db'),
			'the archive holds the snapshot, not the live database file',
			entries.filter((p) => !p.startsWith('data/uploads/')).join(', ')
		);
		check(
			manifest.migrations.count > 0 && !!manifest.app.version && !!manifest.createdAt,
			'the manifest names time, version and migration level',
			`${manifest.app.version}, ${manifest.migrations.last}`
		);

		const restored = await script(
			'restore.js',
			[archive, '--data-dir', restoredDir, '--database', restoredDb],
			{}
		);
		console.log('2. npm run restore into a new data directory and database');
		check(restored.code === 0, 'restore exits 0', restored.out.trim().split('\n')[0]);
		const again = await script(
			'restore.js',
			[archive, '--data-dir', restoredDir, '--database', restoredDb],
			{}
		);
		check(
			again.code !== 0 && again.out.includes('--force'),
			'a second restore onto the same place is refused without --force',
			again.out.trim().split('\n')[0]
		);

		const [{ integrity_check: ok }] = await query(restoredDb, 'PRAGMA integrity_check');
		check(ok === 'ok', 'PRAGMA integrity_check on the restored database', String(ok));
		const tables = (
			await query(
				restoredDb,
				"select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
			)
		).map((r) => String(r.name));
		const mismatch = [];
		for (const t of tables) {
			const [{ n }] = await query(restoredDb, `select count(*) as n from "${t}"`);
			if (Number(n) !== manifest.database.tables[t])
				mismatch.push(`${t} ${n}≠${manifest.database.tables[t]}`);
			if (!['progress_event', 'lesson_progress'].includes(t)) {
				const [{ n: live }] = await query(dbFile, `select count(*) as n from "${t}"`);
				if (Number(n) !== Number(live)) mismatch.push(`${t} ${n}≠live ${live}`);
			}
		}
		check(
			!mismatch.length,
			`row counts per table match the manifest (and the live database where no writes went on)`,
			mismatch.join(', ') || `${tables.length} tables`
		);
		const restoredIds = new Set(
			(await query(restoredDb, 'select id from progress_event')).map((r) => String(r.id))
		);
		const missing = [...before].filter((id) => !restoredIds.has(id));
		check(
			missing.length === 0,
			'every event acknowledged before the backup began is in the restore',
			`${before.size} acknowledged, ${missing.length} missing, ${restoredIds.size} restored`
		);
		// A batch is one transaction, and each phone sends in order: a consistent snapshot holds
		// for every phone the events acknowledged up to some point, with no gap.
		const gaps = devices.filter((d) => {
			const ids = order.get(d) ?? [];
			const last = ids.findLastIndex((id) => restoredIds.has(id));
			return ids.slice(0, last + 1).some((id) => !restoredIds.has(id));
		});
		check(
			gaps.length === 0,
			'the snapshot is consistent: no phone has a gap',
			`${gaps.length} with gaps`
		);

		const isDb = (rel) => rel.startsWith('naik-kelas.db');
		const live = await filesUnder(dataDir, isDb);
		const back = await filesUnder(restoredDir);
		const differ = [...live].filter(([rel, sum]) => back.get(rel) !== sum).map(([rel]) => rel);
		check(
			differ.length === 0 && back.size === live.size,
			'data directory files are byte-equal (issuer key, evidence photos)',
			differ.join(', ') || `${live.size} files`
		);
		const photos = (await query(restoredDb, "select value from evidence where kind = 'photo'")).map(
			(r) => String(r.value)
		);
		check(
			photos.length === 3 && photos.every((p) => back.has(join('uploads', p))),
			'every evidence photo the restored database names is in the restored folder',
			`${photos.length} photos`
		);

		console.log('3. the app on the restored copy');
		server = await startServer({ repo, dbFile: restoredDb, dataDir: restoredDir, port });
		const again2 = await (await fetch(`${server.url}/issuer`)).json();
		check(
			JSON.stringify(again2) === JSON.stringify(issuer),
			'it starts and signs with the same issuer key'
		);
		await server.stop();
		server = undefined;
		console.log(
			`${((Date.now() - started) / 1000).toFixed(1)} s, archive ${relative(dir, archive)}`
		);
	} catch (e) {
		check(false, 'the test ran to the end', e instanceof Error ? e.stack : String(e));
		if (server) console.error(server.log().slice(-3000));
	} finally {
		server?.killAll();
		await rm(dir, { recursive: true, force: true });
	}
	finish();
}

await main();
