// Backup and restore of one Naik Kelas installation: the database (a consistent snapshot made
// with SQLite's VACUUM INTO while the app keeps serving) and the data directory (the issuer's
// signing key, evidence photos), in one .tar.gz with a manifest of sha256 sums.
import { createClient } from '@libsql/client';
import { createHash } from 'node:crypto';
import {
	chmod,
	copyFile,
	mkdir,
	mkdtemp,
	readdir,
	readFile,
	rename,
	rm,
	stat,
	writeFile
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import * as tar from 'tar';

export const FORMAT = 'naik-kelas-backup';

/**
 * @typedef {{
 *   format: string, formatVersion: number, createdAt: string,
 *   app: { name: string, version: string },
 *   migrations: { count: number, last: string | null },
 *   database: { path: string, sha256: string, bytes: number, tables: Record<string, number> } | null,
 *   files: { path: string, sha256: string, bytes: number }[]
 * }} Manifest
 */
const DB_NAME = 'database.db';

/** An error an admin can act on: printed as it is, without a stack trace. */
export class BackupError extends Error {}

/**
 * The local file behind a `file:` URL, or null for a remote libSQL server.
 * @param {string} url
 */
export function databaseFile(url) {
	if (!url.startsWith('file:')) return null;
	const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
	if (!path || path.startsWith(':memory:')) return null;
	return resolve(path.split('?')[0]);
}

export const REMOTE_DATABASE_HELP = `DATABASE_URL menunjuk ke server libSQL/Turso, bukan berkas: cadangan basis data dibuat di sana.
  - Turso: cadangan otomatis dan pemulihan ke titik waktu ("turso db create --from-db <nama> --timestamp <waktu>"),
    atau salinan SQL: "turso db shell <nama> .dump > naik-kelas.sql".
  - sqld sendiri: hentikan sebentar atau pakai snapshot dari folder datanya (misalnya "data.sqld"), atau jalankan
    "sqlite3 <folder sqld>/dbs/default/data 'VACUUM INTO \\'cadangan.db\\''" di mesin server itu.
Lalu jalankan "npm run backup -- --files-only" untuk folder data (kunci penerbit, foto bukti).`;

/** @param {string} path */
async function sha256File(path) {
	return createHash('sha256')
		.update(await readFile(path))
		.digest('hex');
}

/**
 * Every regular file under `dir`, as paths relative to it, skipping `skip` (absolute paths).
 * @param {string} dir
 * @param {Set<string>} skip
 */
async function listFiles(dir, skip) {
	/** @type {string[]} */
	const out = [];
	/** @param {string} sub */
	async function walk(sub) {
		let entries;
		try {
			entries = await readdir(join(dir, sub), { withFileTypes: true });
		} catch (e) {
			if (errno(e) === 'ENOENT') return;
			throw e;
		}
		for (const entry of entries) {
			const rel = sub ? join(sub, entry.name) : entry.name;
			if (skip.has(resolve(dir, rel))) continue;
			if (entry.isDirectory()) await walk(rel);
			else if (entry.isFile()) out.push(rel);
		}
	}
	await walk('');
	return out.sort();
}

/**
 * The database file and the files SQLite keeps beside it.
 * @param {string | null} file
 */
function databaseFamily(file) {
	return file ? ['', '-wal', '-shm', '-journal'].map((s) => file + s) : [];
}

/**
 * Which migration the database is at, by the journal drizzle-kit writes beside the migrations.
 * @param {import('@libsql/client').Client} db
 * @param {string} migrationsDir
 * @returns {Promise<{ count: number, last: string | null }>}
 */
async function migrationLevel(db, migrationsDir) {
	/** @type {import('@libsql/client').Row[]} */
	let rows = [];
	try {
		rows = (
			await db.execute('select hash, created_at from __drizzle_migrations order by created_at')
		).rows;
	} catch {
		return { count: 0, last: null };
	}
	const journal = await readJournal(migrationsDir);
	const lastAt = rows.length ? Number(rows[rows.length - 1].created_at) : null;
	return {
		count: rows.length,
		last: journal.find((e) => e.when === lastAt)?.tag ?? (lastAt ? `created_at ${lastAt}` : null)
	};
}

/** @param {string} migrationsDir */
export async function readJournal(migrationsDir) {
	try {
		const text = await readFile(join(migrationsDir, 'meta', '_journal.json'), 'utf8');
		return /** @type {{ idx: number, when: number, tag: string }[]} */ (JSON.parse(text).entries);
	} catch {
		return /** @type {{ idx: number, when: number, tag: string }[]} */ ([]);
	}
}

/** @param {import('@libsql/client').Client} db */
async function rowCounts(db) {
	const tables = (
		await db.execute(
			"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"
		)
	).rows.map((r) => String(r.name));
	/** @type {Record<string, number>} */
	const counts = {};
	for (const t of tables)
		counts[t] = Number(
			(await db.execute(`select count(*) as n from "${t.replace(/"/g, '""')}"`)).rows[0].n
		);
	return counts;
}

/** @param {string} file */
export async function integrityCheck(file) {
	const db = createClient({ url: `file:${file}` });
	try {
		const r = await db.execute('PRAGMA integrity_check');
		return r.rows.map((row) => String(Object.values(row)[0])).join('; ');
	} finally {
		db.close();
	}
}

/**
 * Writes one backup archive. Files are copied before the database snapshot and topped up after
 * it: a photo is written before its row and deleted only after its row points elsewhere, so every
 * photo the snapshot names is on disk at one of the two moments.
 * @param {{ databaseUrl: string, authToken?: string, dataDir: string, out: string,
 *   filesOnly?: boolean, migrationsDir: string, appVersion: string, log?: (s: string) => void }} o
 */
export async function backup(o) {
	const log = o.log ?? (() => {});
	const dbFile = databaseFile(o.databaseUrl);
	if (!dbFile && !o.filesOnly) throw new BackupError(REMOTE_DATABASE_HELP);
	// Opening a missing file would create an empty database and back that up.
	if (dbFile && !o.filesOnly && !(await exists(dbFile)))
		throw new BackupError(
			`Basis data tidak ditemukan: ${dbFile}. Periksa DATABASE_URL (dan jalankan dari folder aplikasi).`
		);
	const dataDir = resolve(o.dataDir);
	const out = resolve(o.out);
	const staging = await mkdtemp(join(tmpdir(), 'nk-backup-'));
	try {
		const skip = new Set([...databaseFamily(dbFile), out, `${out}.partial`]);
		const files = await listFiles(dataDir, skip);
		for (const rel of files) await copyInto(join(dataDir, rel), join(staging, 'data', rel));

		/** @type {Manifest} */
		const manifest = {
			format: FORMAT,
			formatVersion: 1,
			createdAt: new Date().toISOString(),
			app: { name: 'naik-kelas', version: o.appVersion },
			migrations: { count: 0, last: null },
			database: null,
			files: []
		};
		if (dbFile && !o.filesOnly) {
			const snapshot = join(staging, DB_NAME);
			const db = createClient({ url: `file:${dbFile}`, timeout: 5000 });
			try {
				// One read transaction: a consistent copy while the app goes on writing (WAL).
				await db.execute(`VACUUM INTO '${snapshot.replace(/'/g, "''")}'`);
			} finally {
				db.close();
			}
			const snap = createClient({ url: `file:${snapshot}` });
			try {
				manifest.migrations = await migrationLevel(snap, o.migrationsDir);
				manifest.database = {
					path: DB_NAME,
					sha256: await sha256File(snapshot),
					bytes: (await stat(snapshot)).size,
					tables: await rowCounts(snap)
				};
				for (const name of await referencedPhotos(snap)) {
					const rel = join('uploads', name);
					if (files.includes(rel)) continue;
					try {
						await copyInto(join(dataDir, rel), join(staging, 'data', rel));
						files.push(rel);
					} catch {
						log(`Peringatan: foto ${rel} disebut basis data tetapi tidak ada di folder data.`);
					}
				}
			} finally {
				snap.close();
			}
		}
		for (const rel of files.sort()) {
			const path = join(staging, 'data', rel);
			manifest.files.push({
				path: ['data', ...rel.split(sep)].join('/'),
				sha256: await sha256File(path),
				bytes: (await stat(path)).size
			});
		}
		await writeFile(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

		await mkdir(dirname(out), { recursive: true });
		const partial = `${out}.partial`;
		// Created empty with owner-only access first: the archive holds the signing key and personal data.
		await writeFile(partial, '', { mode: 0o600 });
		await chmod(partial, 0o600);
		await tar.create({ gzip: true, file: partial, cwd: staging, portable: true }, [
			'manifest.json',
			...(manifest.database ? [DB_NAME] : []),
			...(files.length ? ['data'] : [])
		]);
		await rename(partial, out);
		return { out, manifest };
	} finally {
		await rm(staging, { recursive: true, force: true });
	}
}

/** @param {import('@libsql/client').Client} db */
async function referencedPhotos(db) {
	try {
		const r = await db.execute("select value from evidence where kind = 'photo'");
		return r.rows.map((row) => String(row.value)).filter((v) => /^[0-9a-f]{32}\.\w+$/.test(v));
	} catch {
		return [];
	}
}

/**
 * @param {string} from
 * @param {string} to
 */
async function copyInto(from, to) {
	await mkdir(dirname(to), { recursive: true });
	await copyFile(from, to);
}

/** @param {string} dir */
async function isNonEmptyDir(dir) {
	try {
		return (await readdir(dir)).length > 0;
	} catch (e) {
		if (errno(e) === 'ENOENT') return false;
		if (errno(e) === 'ENOTDIR') return true;
		throw e;
	}
}

/** @param {unknown} e */
function errno(e) {
	return /** @type {NodeJS.ErrnoException} */ (e).code;
}

/** @param {string} path */
async function exists(path) {
	try {
		await stat(path);
		return true;
	} catch {
		return false;
	}
}

/**
 * Brings a backup back into `dataDir` and `databasePath`. Checks everything (sha256 of every
 * part, SQLite's integrity check, the migration level against this code) before it writes
 * anything, and refuses a target that already holds data unless `force`.
 * @param {{ file: string, dataDir: string, databasePath: string | null, force?: boolean,
 *   migrationsDir: string, log?: (s: string) => void }} o
 */
export async function restore(o) {
	const log = o.log ?? (() => {});
	const dataDir = resolve(o.dataDir);
	const dbPath = o.databasePath ? resolve(o.databasePath) : null;
	if (!(await exists(o.file))) throw new BackupError(`Berkas cadangan tidak ditemukan: ${o.file}`);

	const staging = await mkdtemp(join(tmpdir(), 'nk-restore-'));
	try {
		try {
			// node-tar strips absolute paths and refuses `..`: nothing lands outside `staging`.
			await tar.extract({ file: o.file, cwd: staging, strict: true });
		} catch (e) {
			throw new BackupError(
				`Berkas ini bukan arsip cadangan yang bisa dibaca (${e instanceof Error ? e.message : e}).`
			);
		}
		/** @type {Manifest} */
		let manifest;
		try {
			manifest = JSON.parse(await readFile(join(staging, 'manifest.json'), 'utf8'));
		} catch {
			throw new BackupError('Arsip ini tidak punya manifest.json: bukan cadangan Naik Kelas.');
		}
		if (manifest.format !== FORMAT)
			throw new BackupError('Arsip ini bukan cadangan Naik Kelas (format manifest tidak dikenal).');

		const damaged = [];
		for (const f of manifest.files) {
			const parts = String(f.path).split('/');
			if (parts[0] !== 'data' || parts.some((p) => p === '..' || p === ''))
				throw new BackupError(`Manifest menyebut jalur yang tidak sah: ${f.path}`);
			const path = join(staging, ...parts);
			if (!(await exists(path)) || (await sha256File(path)) !== f.sha256) damaged.push(f.path);
		}
		if (manifest.database) {
			const path = join(staging, DB_NAME);
			if (!(await exists(path)) || (await sha256File(path)) !== manifest.database.sha256)
				damaged.push(DB_NAME);
		}
		if (damaged.length)
			throw new BackupError(
				`Cadangan rusak: isi berikut tidak cocok dengan sha256 di manifest: ${damaged.join(', ')}`
			);
		if (manifest.database) {
			const result = await integrityCheck(join(staging, DB_NAME));
			if (result !== 'ok')
				throw new BackupError(`Basis data di cadangan tidak utuh (integrity_check: ${result}).`);
			const known = await readJournal(o.migrationsDir);
			if (manifest.migrations.count > known.length && !o.force)
				throw new BackupError(
					`Cadangan ini dibuat oleh versi aplikasi yang lebih baru (${manifest.migrations.count} migrasi, kode ini mengenal ${known.length}). Perbarui aplikasinya dulu, atau pakai --force.`
				);
			if (!dbPath)
				throw new BackupError(
					'Cadangan ini berisi basis data, tetapi tujuan basis data bukan berkas. Beri --database <berkas.db>.'
				);
		}

		const busy = [];
		if (await isNonEmptyDir(dataDir)) busy.push(`folder data ${dataDir} tidak kosong`);
		if (manifest.database && dbPath && (await exists(dbPath)))
			busy.push(`basis data ${dbPath} sudah ada`);
		if (busy.length && !o.force)
			throw new BackupError(
				`Tidak dipulihkan: ${busy.join(' dan ')}. Pilih tempat baru (--data-dir, --database), atau timpa dengan --force setelah aplikasi dihentikan.`
			);

		await mkdir(dataDir, { recursive: true });
		for (const f of manifest.files) {
			const to = join(dataDir, ...f.path.split('/').slice(1));
			await copyInto(join(staging, ...f.path.split('/')), `${to}.restoring`);
			await rename(`${to}.restoring`, to);
		}
		if (manifest.database && dbPath) {
			await mkdir(dirname(dbPath), { recursive: true });
			// The old -wal/-shm would be replayed onto the restored file: they go too.
			for (const f of databaseFamily(dbPath)) await rm(f, { force: true });
			await copyFile(join(staging, DB_NAME), `${dbPath}.restoring`);
			await rename(`${dbPath}.restoring`, dbPath);
		}
		log(
			`Dipulihkan: cadangan dari ${manifest.createdAt} (versi ${manifest.app?.version}, migrasi ${manifest.migrations?.last ?? '-'}).`
		);
		return { manifest, dataDir, databasePath: dbPath };
	} finally {
		await rm(staging, { recursive: true, force: true });
	}
}
