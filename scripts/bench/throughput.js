// 3. Server throughput: the lesson page rendered for a signed-in learner, 50 connections, beside
// the same server answering a static file of the same size (the ceiling on this machine).
import autocannon from 'autocannon';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { figure } from './lib/report.js';

const SECTION = 'Server throughput (autocannon, 50 connections)';
export const STATIC_TWIN = '/bench-static-lesson.html';
const DIAGNOSTIC_SECONDS = 3;
/** What a phone's browser sends for a page. */
export const PAGE_HEADERS = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };

/**
 * Writes the lesson's HTML as a static file into the copied build, with .br and .gz beside it
 * compressed as the server compresses pages on the fly. The server must be (re)started after
 * this: its static file handler lists the files once, at start.
 */
export async function writeStaticTwin(base, path, cookie, app) {
	const res = await fetch(new URL(path, base), {
		headers: { accept: 'text/html', 'accept-encoding': 'identity', cookie }
	});
	if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
	const html = Buffer.from(await res.arrayBuffer());
	const file = join(app, 'build', 'client', STATIC_TWIN.slice(1));
	await writeFile(file, html);
	await writeFile(
		`${file}.br`,
		brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
	);
	await writeFile(`${file}.gz`, gzipSync(html));
	return html.length;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/**
 * CPU time (ms) used so far by the server process and its workers, from /proc; null where
 * /proc is not there. Requests/s depend on what else the machine runs; CPU per request much less.
 */
export async function serverCpuMs(pid) {
	if (!pid) return null;
	try {
		const stat = async (p) => (await readFile(`/proc/${p}/stat`, 'utf8')).split(') ')[1].split(' ');
		const own = await stat(pid);
		let ticks = Number(own[11]) + Number(own[12]); // utime, stime
		for (const entry of await readdir('/proc')) {
			if (!/^\d+$/.test(entry) || Number(entry) === pid) continue;
			const fields = await stat(entry).catch(() => null);
			if (fields && Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]);
		}
		return ticks * TICK_MS;
	} catch {
		return null;
	}
}

/**
 * One autocannon run; rejects when a response is not 200.
 * @param {string} url
 * @param {{ headers?: Record<string, string>, connections?: number, duration?: number, pid?: number }} [opts]
 */
export async function hammer(url, { headers = {}, connections = 50, duration = 20, pid } = {}) {
	const cpuBefore = await serverCpuMs(pid);
	const result = await autocannon({ url, headers, connections, duration, timeout: 10 });
	const cpuAfter = await serverCpuMs(pid);
	const bad = result.non2xx + result.errors + result.timeouts;
	return {
		cpuMsPerRequest:
			cpuBefore !== null && cpuAfter !== null && result.requests.total
				? (cpuAfter - cpuBefore) / result.requests.total
				: null,
		rps: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		bytesPerResponse: result.requests.total ? result.throughput.total / result.requests.total : 0,
		total: result.requests.total,
		bad
	};
}

/** Checks one response before the runs, so a redirect is not benchmarked by mistake. */
async function probe(url, headers) {
	const res = await fetch(url, { headers, redirect: 'manual' });
	const body = Buffer.from(await res.arrayBuffer());
	return { status: res.status, encoding: res.headers.get('content-encoding'), bytes: body.length };
}

/** What the measured CPU per request allows when the server has every core to itself. */
function cpuNote(ms) {
	const cores = os.availableParallelism();
	return `${ms.toFixed(2)} ms: at most ~${Math.round((cores * 1000) / ms).toLocaleString('en-US')} req/s on ${cores} idle cores, the load generator aside`;
}

export async function measureThroughput(base, { lessonPath, cookie, duration, pid }) {
	const pageUrl = new URL(lessonPath, base).href;
	const staticUrl = new URL(STATIC_TWIN, base).href;
	const pageHeaders = { ...PAGE_HEADERS, cookie };
	const pageProbe = await probe(pageUrl, pageHeaders);
	const staticProbe = await probe(staticUrl, PAGE_HEADERS);
	for (const [what, p] of /** @type {[string, { status: number }][]} */ ([
		['lesson page', pageProbe],
		['static twin', staticProbe]
	]))
		if (p.status !== 200) throw new Error(`${what} answered ${p.status}`);

	// Warm both paths up (JIT, database page cache) before measuring.
	await hammer(pageUrl, { headers: pageHeaders, duration: 1, connections: 10 });
	await hammer(staticUrl, { headers: PAGE_HEADERS, duration: 1, connections: 10 });
	const page = await hammer(pageUrl, { headers: pageHeaders, duration, pid });
	const file = await hammer(staticUrl, { headers: PAGE_HEADERS, duration, pid });

	// Where the time goes: the same page without the session lookup, and without compression.
	const variants = {
		'guest, br': { ...PAGE_HEADERS },
		'signed in, uncompressed': { accept: 'text/html', cookie },
		'guest, uncompressed': { accept: 'text/html' }
	};
	const diagnostics = {};
	for (const [name, headers] of Object.entries(variants))
		diagnostics[name] = await hammer(pageUrl, { headers, duration: DIAGNOSTIC_SECONDS, pid });
	// The page cache keeps no page asked for with a query: this is what every miss costs (a new
	// lesson, or a learner whose progress just changed), rendered by SvelteKit each time.
	diagnostics['signed in, rendered each time (no cache)'] = await hammer(`${pageUrl}?render`, {
		headers: pageHeaders,
		duration: DIAGNOSTIC_SECONDS,
		pid
	});

	const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
	const sizes = `page ${kb(page.bytesPerResponse)} vs file ${kb(file.bytesPerResponse)} per response with headers, both ${pageProbe.encoding ?? 'identity'}; ${pageProbe.bytes} B uncompressed`;
	const rows = [
		figure(SECTION, 'lesson SSR, signed in: requests/s', page.rps, {
			unit: 'req/s',
			min: 1500,
			note: `${duration} s, ${page.total} requests${page.bad ? `, ${page.bad} failed` : ''}`
		}),
		figure(SECTION, 'lesson SSR: p50 latency', page.p50, { unit: 'ms' }),
		figure(SECTION, 'lesson SSR: p99 latency', page.p99, { unit: 'ms', below: 50 }),
		figure(SECTION, 'static file, same size: requests/s', file.rps, {
			unit: 'req/s',
			note: `${sizes}${file.bad ? `; ${file.bad} failed` : ''}`
		}),
		figure(SECTION, 'static file: p50 / p99 latency', `${file.p50} / ${file.p99} ms`),
		figure(SECTION, 'lesson SSR / static file', file.rps ? page.rps / file.rps : null, {
			unit: 'x',
			note: 'share of this machine’s ceiling the page reaches'
		}),
		figure(SECTION, 'lesson SSR: server CPU per request', page.cpuMsPerRequest, {
			unit: 'ms',
			note: page.cpuMsPerRequest
				? `${cpuNote(page.cpuMsPerRequest)}; static file ${file.cpuMsPerRequest?.toFixed(2) ?? '–'} ms`
				: 'no /proc here'
		})
	];
	for (const [name, r] of Object.entries(diagnostics))
		rows.push(
			figure(SECTION, `lesson SSR, ${name}: requests/s`, r.rps, {
				unit: 'req/s',
				note: `${DIAGNOSTIC_SECONDS} s diagnostic run; p50 ${r.p50} ms, p99 ${r.p99} ms${r.cpuMsPerRequest ? `; CPU ${r.cpuMsPerRequest.toFixed(2)} ms/request` : ''}`
			})
		);
	if (page.bad) rows[0].status = 'error';
	return { rows, details: { page, file, diagnostics, pageProbe, staticProbe } };
}
