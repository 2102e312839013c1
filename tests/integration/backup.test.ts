import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import { ensureDatabase } from '$lib/server/db';
import { backup, BackupError, restore } from '../../scripts/ops/backup-lib.js';

const work = mkdtempSync(join(tmpdir(), 'nk-backup-unit-'));
const common = { migrationsDir: 'drizzle', appVersion: 'test' };
let archive: string;

beforeAll(async () => {
	await ensureDatabase();
	await registerUser({
		name: 'Sri',
		contact: '0812 7777 3333',
		password: 'ledre pisang raja',
		confirm: 'ledre pisang raja'
	});
	await mkdir(join(process.env.DATA_DIR!, 'uploads'), { recursive: true });
	await writeFile(join(process.env.DATA_DIR!, 'uploads', 'a.jpg'), 'foto');
	archive = join(work, 'cadangan.tar.gz');
	await backup({
		...common,
		databaseUrl: process.env.DATABASE_URL!,
		dataDir: process.env.DATA_DIR!,
		out: archive
	});
});

describe('backup', () => {
	it('explains what to do for a remote libSQL database instead of failing obscurely', async () => {
		const attempt = backup({
			...common,
			databaseUrl: 'libsql://naik-kelas.turso.io',
			dataDir: process.env.DATA_DIR!,
			out: join(work, 'remote.tar.gz')
		});
		await expect(attempt).rejects.toBeInstanceOf(BackupError);
		await expect(attempt).rejects.toThrow(/--files-only/);
	});

	it('with --files-only, keeps the data directory of a remote installation', async () => {
		const { manifest } = await backup({
			...common,
			databaseUrl: 'libsql://naik-kelas.turso.io',
			dataDir: process.env.DATA_DIR!,
			out: join(work, 'files.tar.gz'),
			filesOnly: true
		});
		expect(manifest.database).toBeNull();
		expect(manifest.files.map((f: { path: string }) => f.path)).toContain('data/uploads/a.jpg');
	});
});

describe('restore', () => {
	it('brings back the rows and files into a new place, and refuses to overwrite it', async () => {
		const to = { dataDir: join(work, 'r1', 'data'), databasePath: join(work, 'r1', 'db.sqlite') };
		const { manifest } = await restore({ ...common, file: archive, ...to });
		expect(manifest.database?.tables.user).toBe(1);
		expect(readFileSync(join(to.dataDir, 'uploads', 'a.jpg'), 'utf8')).toBe('foto');
		await expect(restore({ ...common, file: archive, ...to })).rejects.toThrow(/--force/);
		await expect(restore({ ...common, file: archive, ...to, force: true })).resolves.toBeTruthy();
	});

	it('refuses an archive whose parts do not match the manifest, before writing anything', async () => {
		const unpacked = join(work, 'tampered');
		await mkdir(unpacked);
		await tar.extract({ file: archive, cwd: unpacked });
		writeFileSync(join(unpacked, 'data', 'uploads', 'a.jpg'), 'diganti');
		const tampered = join(work, 'tampered.tar.gz');
		await tar.create({ gzip: true, file: tampered, cwd: unpacked }, [
			'manifest.json',
			'database.db',
			'data'
		]);
		const to = { dataDir: join(work, 'r2', 'data'), databasePath: join(work, 'r2', 'db.sqlite') };
		await expect(restore({ ...common, file: tampered, ...to })).rejects.toThrow(
			/rusak.*data\/uploads\/a\.jpg/
		);
		await expect(
			restore({ ...common, file: join(work, 'tidak-ada.tar.gz'), ...to })
		).rejects.toThrow(/tidak ditemukan/);
	});
});
