import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every test file gets its own database file, so files can run in parallel.
process.env.DATABASE_URL = `file:${join(mkdtempSync(join(tmpdir(), 'naik-kelas-test-')), 'test.db')}`;
