import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every test file gets its own database and data directory, so files can run in parallel.
const dir = mkdtempSync(join(tmpdir(), 'naik-kelas-test-'));
process.env.DATABASE_URL = `file:${join(dir, 'test.db')}`;
process.env.DATA_DIR = dir;
