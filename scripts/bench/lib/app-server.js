// The production build, copied to a temporary directory and served there on a fresh database,
// so that a rebuild by someone else during the run cannot change what is measured.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, relative } from 'node:path';

/** Not part of a build's input. */
const NOT_SOURCE = new Set([
	'node_modules',
	'build',
	'.svelte-kit',
	'.git',
	'data',
	'.e2e',
	'test-results',
	'playwright-report',
	'scripts/bench/results'
]);

/**
 * Runs `npx vite build` on a snapshot of the working tree in `<tmp>/src`, so that the build
 * neither races with nor overwrites someone else's build/ in the repository. Returns the
 * snapshot's directory (its build/ is the result); the log goes to `<tmp>/vite-build.log`.
 */
export async function viteBuild(repo, tmp) {
	const src = join(tmp, 'src');
	await cp(repo, src, {
		recursive: true,
		filter: (from) => !NOT_SOURCE.has(relative(repo, from))
	});
	await symlink(join(repo, 'node_modules'), join(src, 'node_modules'), 'dir');
	const log = join(tmp, 'vite-build.log');
	const out = [];
	const code = await new Promise((resolve, reject) => {
		const child = spawn('npx', ['vite', 'build'], { cwd: src, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout.on('data', (d) => out.push(d));
		child.stderr.on('data', (d) => out.push(d));
		child.on('error', reject);
		child.on('exit', resolve);
	});
	await writeFile(log, Buffer.concat(out));
	if (code !== 0)
		throw new Error(
			`vite build failed (exit ${code}):\n${Buffer.concat(out).toString().slice(-3000)}`
		);
	return src;
}

export async function makeTempDir() {
	return mkdtemp(join(os.tmpdir(), 'nk-bench-'));
}

/**
 * Copies `from`/build and `from`/server.js into `<tmp>/app`, with node_modules linked to the
 * repository's. Returns the directory to run `node server.js` in.
 */
export async function copyBuild(repo, from, tmp) {
	const app = join(tmp, 'app');
	await stat(join(from, 'build', 'handler.js')).catch(() => {
		throw new Error(`${join(from, 'build')} is missing or incomplete: run without --no-build`);
	});
	await mkdir(app, { recursive: true });
	await cp(join(from, 'build'), join(app, 'build'), { recursive: true });
	await cp(join(from, 'server.js'), join(app, 'server.js'));
	// server.js imports the app's typed hand-off modules from the source tree.
	for (const file of ['src/lib/server/page-cache/lane.js', 'src/lib/server/host-lane.js'])
		await cp(join(from, file), join(app, file), { recursive: true });
	await writeFile(join(app, 'package.json'), '{ "type": "module" }\n');
	await symlink(join(repo, 'node_modules'), join(app, 'node_modules'), 'dir');
	return app;
}

/**
 * Starts `node server.js` in `app` on a fresh database in `dataDir`; resolves once it answers.
 * @returns {Promise<{ url: string, dbUrl: string, dbFile: string, stop: () => Promise<void>,
 *   killNow: () => void, log: () => string, pid: number | undefined }>}
 */
export async function startServer({ app, dataDir, port, repo }) {
	await mkdir(dataDir, { recursive: true });
	const dbFile = join(dataDir, 'bench.db');
	const dbUrl = `file:${dbFile}`;
	const url = `http://127.0.0.1:${port}`;
	const out = [];
	const env = {
		...process.env,
		NODE_ENV: 'production',
		DATABASE_URL: dbUrl,
		DATA_DIR: dataDir,
		MIGRATIONS_DIR: join(repo, 'drizzle'),
		PORT: String(port),
		HOST: '127.0.0.1',
		// Every simulated phone comes from 127.0.0.1: lift the per-address limits (still counted).
		RATE_LIMIT_FACTOR: '1000'
	};
	// Plain HTTP on 127.0.0.1, as `npm start` serves a village hall's laptop.
	for (const key of ['ORIGIN', 'PROTOCOL_HEADER', 'DATABASE_AUTH_TOKEN']) delete env[key];
	// BENCH_SERVER_NODE_ARGS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where a figure's time goes.
	const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const child = spawn(process.execPath, [...nodeArgs, 'server.js'], {
		cwd: app,
		stdio: ['ignore', 'pipe', 'pipe'],
		env
	});
	child.stdout.on('data', (d) => out.push(d));
	child.stderr.on('data', (d) => out.push(d));
	const exited = new Promise((resolve) => child.on('exit', resolve));
	const log = () => Buffer.concat(out).toString();

	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited at start:\n${log()}`);
		try {
			const res = await fetch(`${url}/api/health`);
			await res.arrayBuffer();
			if (res.status < 500) break;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`server did not answer on ${url} within 30 s:\n${log()}`);
		}
		await new Promise((r) => setTimeout(r, 200));
	}

	async function stop() {
		if (child.exitCode !== null) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
		await exited;
		clearTimeout(timer);
	}
	/** Last resort when the bench itself is exiting: no waiting possible. */
	const killNow = () => child.exitCode === null && child.kill('SIGKILL');
	return { url, dbUrl, dbFile, stop, killNow, log, pid: child.pid };
}

export async function removeDir(dir) {
	await rm(dir, { recursive: true, force: true });
}
