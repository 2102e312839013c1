// npm run restore -- FILE [--data-dir DIR] [--database FILE.db] [--force]
// Brings a backup made by `npm run backup` back; refuses to overwrite data without --force.
import { parseArgs } from 'node:util';
import { BackupError, databaseFile, restore } from './ops/backup-lib.js';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		'data-dir': { type: 'string' },
		database: { type: 'string' },
		force: { type: 'boolean', default: false },
		help: { type: 'boolean', short: 'h', default: false }
	}
});
if (values.help || positionals.length !== 1) {
	console.log(`npm run restore -- BERKAS.tar.gz [--data-dir FOLDER] [--database BERKAS.db] [--force]

Memulihkan cadangan ke folder data (bawaan: DATA_DIR atau data/) dan berkas basis data (bawaan:
berkas dari DATABASE_URL, atau data/naik-kelas.db). Tujuan yang sudah berisi data tidak ditimpa,
kecuali dengan --force; hentikan aplikasinya dulu.`);
	process.exit(values.help ? 0 : 1);
}

const databasePath =
	values.database ?? databaseFile(process.env.DATABASE_URL || 'file:data/naik-kelas.db');
const dataDir = values['data-dir'] ?? process.env.DATA_DIR ?? 'data';

try {
	const { manifest } = await restore({
		file: positionals[0],
		dataDir,
		databasePath,
		force: values.force,
		migrationsDir: process.env.MIGRATIONS_DIR || 'drizzle',
		log: (s) => console.log(s)
	});
	console.log(`  folder data: ${dataDir} (${manifest.files.length} berkas)`);
	if (manifest.database) console.log(`  basis data: ${databasePath}`);
	console.log(
		`Jalankan aplikasinya dengan: DATABASE_URL=file:${databasePath} DATA_DIR=${dataDir} npm run serve`
	);
} catch (e) {
	if (e instanceof BackupError) {
		console.error(`Pemulihan gagal: ${e.message}`);
		process.exit(1);
	}
	throw e;
}
