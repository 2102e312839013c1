// The production build, copied to a temporary directory and served there on a fresh database,
// so that a rebuild by someone else during the run cannot change what is measured.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';

/** Runs `npx vite build` in the repository; its output goes to a log file in `tmp`. */
export async function viteBuild(repo, tmp) {
	const log = join(tmp, 'vite-build.log');
	const out = [];
	const code = await new Promise((resolve, reject) => {
		const child = spawn('npx', ['vite', 'build'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout.on('data', (d) => out.push(d));
		child.stderr.on('data', (d) => out.push(d));
		child.on('error', reject);
		child.on('exit', resolve);
	});
	await writeFile(log, Buffer.concat(out));
	if (code !== 0)
		throw new Error(`vite build failed (exit ${code}):\n${Buffer.concat(out).toString().slice(-3000)}`);
}

export async function makeTempDir() {
	return mkdtemp(join(os.tmpdir(), 'nk-bench-'));
}

/**
 * Copies build/ and server.js into `<tmp>/app`, with node_modules linked to the repository's.
 * Returns the directory to run `node server.js` in.
 */
export async function copyBuild(repo, tmp) {
	const app = join(tmp, 'app');
	await stat(join(repo, 'build', 'handler.js')).catch(() => {
		throw new Error('build/ is missing: run without --no-build');
	});
	await mkdir(app, { recursive: true });
	await cp(join(repo, 'build'), join(app, 'build'), { recursive: true });
	await cp(join(repo, 'server.js'), join(app, 'server.js'));
	await writeFile(join(app, 'package.json'), '{ "type": "module" }\n');
	await symlink(join(repo, 'node_modules'), join(app, 'node_modules'), 'dir');
	return app;
}

/**
 * Starts `node server.js` in `app` on a fresh database in `dataDir`; resolves once it answers.
 * @returns {Promise<{ url: string, dbUrl: string, dbFile: string, stop: () => Promise<void>, log: () => string }>}
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
		HOST: '127.0.0.1'
	};
	// Plain HTTP on 127.0.0.1, as `npm start` serves a village hall's laptop.
	for (const key of ['ORIGIN', 'PROTOCOL_HEADER', 'DATABASE_AUTH_TOKEN']) delete env[key];
	const child = spawn(process.execPath, ['server.js'], {
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
	return { url, dbUrl, dbFile, stop, log, pid: child.pid };
}

export async function removeDir(dir) {
	await rm(dir, { recursive: true, force: true });
}
