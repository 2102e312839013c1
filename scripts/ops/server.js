// Starts the production server (server.js on the tests' own build, scripts/ops/test-build.js) as a cluster in its own process group, so a
// test can kill it the way a power cut or the kernel's OOM killer does: every process at once.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_BUILD_DIR } from './test-build.js';

/** A port nobody listens on right now (the kernel's choice), unless one is given. */
export async function freePort(preferred) {
	if (preferred) return Number(preferred);
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
			probe.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** True while any process of the group is alive. */
function groupAlive(pgid) {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch (e) {
		return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
	}
}

/**
 * `node server.js` from `repo` with WEB_CONCURRENCY workers on `dbFile` and `dataDir`; resolves
 * once /api/health answers 200.
 */
export async function startServer({ repo, dbFile, dataDir, port, workers = 2 }) {
	const url = `http://127.0.0.1:${port}`;
	const env = {
		...process.env,
		NODE_ENV: 'production',
		DATABASE_URL: `file:${dbFile}`,
		DATA_DIR: dataDir,
		MIGRATIONS_DIR: join(repo, 'drizzle'),
		PORT: String(port),
		HOST: '127.0.0.1',
		WEB_CONCURRENCY: String(workers),
		BUILD_DIR: TEST_BUILD_DIR
	};
	for (const key of ['ORIGIN', 'PROTOCOL_HEADER', 'DATABASE_AUTH_TOKEN']) delete env[key];
	const out = [];
	// detached: a process group of its own, led by the primary; the workers join it.
	const child = spawn(process.execPath, [join(repo, 'server.js')], {
		cwd: repo,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout.on('data', (d) => out.push(d));
	child.stderr.on('data', (d) => out.push(d));
	const pgid = /** @type {number} */ (child.pid);
	const log = () => Buffer.concat(out).toString();

	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited at start:\n${log()}`);
		try {
			const res = await fetch(`${url}/api/health`);
			await res.arrayBuffer();
			if (res.status === 200) break;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) {
			killGroup(pgid);
			throw new Error(`server did not answer on ${url} within 30 s:\n${log()}`);
		}
		await sleep(100);
	}

	return {
		url,
		pgid,
		log,
		/** SIGKILL to the primary and every worker at once. */
		killAll: () => killGroup(pgid),
		/** SIGKILL to the primary alone: its workers must not outlive it. */
		killPrimary: () => child.kill('SIGKILL'),
		/** Resolves once no process of the server is left; rejects after `ms`. */
		gone: async (ms = 10_000) => {
			const until = Date.now() + ms;
			while (groupAlive(pgid)) {
				if (Date.now() > until) throw new Error(`server processes still alive ${ms} ms later`);
				await sleep(50);
			}
		},
		/** A clean stop (SIGTERM), as an admin does before a restore. */
		stop: async () => {
			if (!groupAlive(pgid)) return;
			child.kill('SIGTERM');
			const until = Date.now() + 8000;
			while (groupAlive(pgid) && Date.now() < until) await sleep(50);
			if (groupAlive(pgid)) killGroup(pgid);
		}
	};
}

function killGroup(pgid) {
	try {
		process.kill(-pgid, 'SIGKILL');
	} catch {
		// Already gone.
	}
}
