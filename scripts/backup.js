// npm run backup [-- --out FILE] [--files-only]
// A consistent snapshot of the database and the data directory, while the app keeps serving.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { backup, BackupError } from './ops/backup-lib.js';

const { values } = parseArgs({
	options: {
		out: { type: 'string' },
		'files-only': { type: 'boolean', default: false },
		help: { type: 'boolean', short: 'h', default: false }
	}
});
if (values.help) {
	console.log(`npm run backup [-- --out BERKAS.tar.gz] [--files-only]

Membuat satu berkas cadangan (.tar.gz): basis data (DATABASE_URL, salinan utuh walau aplikasi
sedang berjalan) dan folder data (DATA_DIR: kunci penerbit lencana, foto bukti), dengan
manifest (waktu, versi, migrasi, sha256). Bawaan: backups/naik-kelas-<waktu>.tar.gz`);
	process.exit(0);
}

const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const out = values.out ?? join('backups', `naik-kelas-${stamp}.tar.gz`);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

try {
	const { manifest } = await backup({
		databaseUrl: process.env.DATABASE_URL || 'file:data/naik-kelas.db',
		dataDir: process.env.DATA_DIR || 'data',
		out,
		filesOnly: values['files-only'],
		migrationsDir: process.env.MIGRATIONS_DIR || 'drizzle',
		appVersion: pkg.version,
		log: (s) => console.warn(s)
	});
	const rows = manifest.database
		? Object.values(manifest.database.tables).reduce((a, b) => a + b, 0)
		: 0;
	console.log(`Cadangan selesai: ${out}`);
	console.log(
		`  basis data: ${manifest.database ? `${rows} baris, migrasi ${manifest.migrations.last}` : 'tidak termasuk (--files-only)'}`
	);
	console.log(`  berkas data: ${manifest.files.length}`);
	console.log(
		'  Simpan berkas ini di tempat aman: isinya data pribadi peserta dan kunci penerbit.'
	);
} catch (e) {
	if (e instanceof BackupError) {
		console.error(`Cadangan gagal: ${e.message}`);
		process.exit(1);
	}
	throw e;
}
