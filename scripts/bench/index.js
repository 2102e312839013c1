// `npm run bench`: measures the performance budgets of ../../../shared/design.md on the
// production build, served from a temporary copy on a fresh, temporary database.
//
//   npm run bench                      build, measure everything, print the table
//   npm run bench -- --strict          exit 1 when a figure misses its budget (or cannot be measured)
//   npm run bench -- --no-build        reuse build/ as it is
//   npm run bench -- --only=weight,slow,throughput,sync,load,grid,lighthouse,peer
//   npm run bench -- --duration=20 --port=5101 --out=scripts/bench/results/latest.json --keep
//   npm run bench -- --load-seconds=60 --learners=200   the load test (issue 9)
//   npm run bench -- --markdown        also print the table as Markdown (for BENCHMARKS.md)
//
// Ports: the app on --port, Lighthouse's Chromium on port+1, the wire proxy on port+2.
import { rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { copyBuild, makeTempDir, removeDir, startServer, viteBuild } from './lib/app-server.js';
import { launchBrowser } from './lib/browser.js';
import { startWireProxy } from './lib/wire-proxy.js';
import { failures, figure, machine, markdownTable, table, writeResults } from './lib/report.js';
import { COURSE, seed } from './lib/seed.js';
import { measureInstallability, measureLighthouse } from './lighthouse.js';
import { measurePageWeight } from './page-weight.js';
import { measurePeer } from './peer.js';
import { measureSlowLoad } from './slow-load.js';
import { measureLoad } from './load.js';
import { measureSync } from './sync.js';
import { measureThroughput, writeStaticTwin } from './throughput.js';
import { measureTrainerGrid } from './trainer-grid.js';

const REPO = resolve(import.meta.dirname, '../..');
const SECTIONS = ['weight', 'slow', 'throughput', 'sync', 'load', 'grid', 'lighthouse', 'peer'];
const LESSON_PATH = `/courses/${COURSE}/menghitung-hpp`;

const { values: opts } = parseArgs({
	options: {
		strict: { type: 'boolean', default: false },
		'no-build': { type: 'boolean', default: false },
		only: { type: 'string', default: SECTIONS.join(',') },
		duration: { type: 'string', default: '20' },
		'load-seconds': { type: 'string', default: '60' },
		learners: { type: 'string', default: '200' },
		port: { type: 'string', default: '5101' },
		out: { type: 'string', default: 'scripts/bench/results/latest.json' },
		keep: { type: 'boolean', default: false },
		markdown: { type: 'boolean', default: false },
		help: { type: 'boolean', default: false }
	}
});
if (opts.help) {
	console.log(
		'usage: npm run bench -- [--strict] [--no-build] [--only=' +
			SECTIONS.join(',') +
			'] [--duration=20] [--load-seconds=60] [--learners=200] [--port=5101] [--out=path.json] [--keep] [--markdown]'
	);
	process.exit(0);
}
const only = new Set(opts.only.split(',').map((s) => s.trim()));
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}`);
const duration = Number(opts.duration);
const port = Number(opts.port);
const command = [
	'npm run bench',
	...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])
].join(' ');

const started = performance.now();
const loadAtStart = Math.round(os.loadavg()[0] * 100) / 100;
const log = (msg) =>
	console.error(
		`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${msg}`
	);

let tmp = null;
let server = null;
let browser = null;
let proxy = null;
async function cleanup() {
	await browser?.close().catch(() => {});
	await proxy?.close().catch(() => {});
	await server?.stop().catch(() => {});
	if (tmp && !opts.keep) await removeDir(tmp);
	else if (tmp) log(`kept ${tmp}`);
	browser = server = proxy = tmp = null;
}
for (const signal of ['SIGINT', 'SIGTERM'])
	process.on(signal, () => cleanup().finally(() => process.exit(130)));
// Whatever happens, leave no server and no temporary files behind.
process.on('exit', () => {
	server?.killNow();
	if (tmp && !opts.keep) rmSync(tmp, { recursive: true, force: true });
});

/** Every asset the lesson page preloads must be there: a copy taken mid-rebuild would not be. */
async function checkAssets(base, cookie) {
	const res = await fetch(new URL(LESSON_PATH, base), { headers: { accept: 'text/html', cookie } });
	await res.arrayBuffer();
	if (res.status !== 200) throw new Error(`${LESSON_PATH} answered ${res.status}`);
	const links = [...(res.headers.get('link') ?? '').matchAll(/<([^>]+)>/g)].map((m) => m[1]);
	for (const href of links) {
		const asset = await fetch(new URL(href, res.url));
		await asset.arrayBuffer();
		if (asset.status !== 200)
			throw new Error(
				`${href} answered ${asset.status}: build/ changed while it was copied; run again`
			);
	}
}

async function main() {
	tmp = await makeTempDir();
	let built = REPO;
	if (opts['no-build']) log('reusing build/ (--no-build)');
	else {
		log('vite build of a snapshot of the working tree…');
		built = await viteBuild(REPO, tmp);
	}
	const app = await copyBuild(REPO, built, tmp);
	const dataDir = join(tmp, 'data');
	server = await startServer({ app, dataDir, port, repo: REPO });
	log(`server on ${server.url}, seeding…`);
	const data = await seed(server.url, REPO);
	await checkAssets(server.url, data.learner.cookie);
	if (only.has('throughput')) {
		// The static twin must exist before the server starts: restart it on the same database.
		await writeStaticTwin(server.url, LESSON_PATH, data.learner.cookie, app);
		await server.stop();
		server = await startServer({ app, dataDir, port, repo: REPO });
	}
	const base = server.url;
	const pages = [
		{ name: 'home', path: '/', readable: 'main h1' },
		{ name: 'lesson', path: LESSON_PATH, readable: 'article p', budget: true },
		{ name: 'quiz', path: `/courses/${COURSE}/quiz`, readable: 'fieldset' },
		{ name: 'verify', path: `/verify/${data.badgeId}`, readable: 'main h1' },
		// The same lesson as a partner's site frames it (issue 7), opened on its own here.
		{ name: 'embedded lesson', path: `/embed${LESSON_PATH}`, readable: 'article p' }
	];
	browser = await launchBrowser();
	proxy = await startWireProxy(port + 2);

	const rows = [];
	const details = {};
	/** @type {[string, string, () => Promise<{ rows: ReturnType<typeof figure>[], details: unknown }>][]} */
	const steps = [
		[
			'weight',
			'page weight',
			() => measurePageWeight(browser, proxy, base, pages, { coursePath: `/courses/${COURSE}` })
		],
		['slow', 'slow-network load', () => measureSlowLoad(browser, base, pages)],
		[
			'throughput',
			`throughput (${duration} s runs)`,
			() =>
				measureThroughput(base, {
					lessonPath: LESSON_PATH,
					cookie: data.learner.cookie,
					duration,
					pid: server.pid
				})
		],
		[
			'sync',
			'sync ingestion',
			() => measureSync(base, { repo: REPO, dbUrl: server.dbUrl, cookie: data.learner.cookie })
		],
		[
			'load',
			`load (${opts.learners} learners, ${opts['load-seconds']} s)`,
			() =>
				measureLoad(base, {
					repo: REPO,
					dbUrl: server.dbUrl,
					pid: server.pid,
					learners: Number(opts.learners),
					seconds: Number(opts['load-seconds'])
				})
		],
		[
			'grid',
			'trainer grid',
			() => measureTrainerGrid(base, { repo: REPO, dbUrl: server.dbUrl, admin: data.admin })
		],
		[
			'lighthouse',
			'Lighthouse',
			async () => {
				const lh = await measureLighthouse(base, pages.slice(0, 3), { port: port + 1 });
				const pwa = await measureInstallability(base, tmp);
				return { rows: [...lh.rows, ...pwa.rows], details: { ...lh.details, pwa: pwa.details } };
			}
		],
		[
			'peer',
			'Moodle peer',
			() =>
				measurePeer(browser, proxy, {
					weight: details.weight,
					throughput: details.throughput,
					duration
				})
		]
	];
	for (const [key, name, run] of steps) {
		if (!only.has(key)) continue;
		log(`${name}…`);
		const t = performance.now();
		try {
			const result = await run();
			rows.push(...result.rows);
			details[key] = result.details;
		} catch (e) {
			const message = e instanceof Error ? e.message : String(e);
			log(`${name} failed: ${message}`);
			rows.push(
				figure(name, 'measurement', null, { status: 'error', note: message.split('\n')[0] })
			);
			details[key] = { error: message };
		}
		details[`${key}Seconds`] = Math.round((performance.now() - t) / 100) / 10;
	}

	const seconds = Math.round((performance.now() - started) / 1000);
	const results = {
		date: new Date().toISOString(),
		command,
		machine: { ...machine(), loadAverageAtStart: loadAtStart },
		seconds,
		rows,
		details
	};
	console.log(table(rows));
	if (opts.markdown) console.log(`\n${markdownTable(rows)}`);
	const missed = failures(rows);
	const m = results.machine;
	console.log(
		`\n${rows.length} figures, ${missed.length} missing their budget or not measured; ${seconds} s on ${m.cores} cores, load average ${m.loadAverageAtStart} at start, ${m.loadAverage} at the end`
	);
	await writeResults(resolve(REPO, opts.out), results);
	log(`results in ${opts.out}`);
	return missed;
}

try {
	const missed = await main();
	await cleanup();
	process.exitCode = opts.strict && missed.length ? 1 : 0;
} catch (e) {
	console.error(e instanceof Error ? (e.stack ?? e.message) : e);
	// (Assigned inside main(), which the checker cannot see from here.)
	const running = /** @type {{ log(): string } | null} */ (server);
	if (running) console.error(`server log:\n${running.log().slice(-2000)}`);
	await cleanup();
	process.exitCode = 2;
}
