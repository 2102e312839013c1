// Where the tests build the app and run it from: never `build/`, which a running `npm start`
// serves (a rebuild under it made every page a 500). `npm run build:test` writes here; the
// Playwright server, the logs spec and the crash and backup tests start `server.js` on it.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The test build's folder: TEST_BUILD_DIR, or `.test-build/` in the checkout. */
export const TEST_BUILD_DIR = resolve(repo, process.env.TEST_BUILD_DIR || '.test-build');
