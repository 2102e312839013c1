// Serves the production build (`build/`, made by `vite build`) on PORT and HOST.
//
// Plain `node build` assumes HTTPS when ORIGIN is unset, so every form post over plain HTTP
// (a trainer's laptop at http://192.168.1.10:3000 in a village hall) would fail SvelteKit's
// CSRF check. Here the protocol comes from the connection itself, in a header of our own
// that a client cannot forge. Behind a TLS proxy set ORIGIN, or PROTOCOL_HEADER=x-forwarded-proto.
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import { hostLane } from './src/lib/server/host-lane.js';
import { fastLane } from './src/lib/server/page-cache/lane.js';

const OWN_HEADER = 'x-naik-kelas-protocol';
// (Workers inherit the primary's environment, our own header name included.)
const fromConnection =
	!process.env.ORIGIN &&
	(!process.env.PROTOCOL_HEADER || process.env.PROTOCOL_HEADER === OWN_HEADER);
if (fromConnection) process.env.PROTOCOL_HEADER = OWN_HEADER;
// Room for one phone photo of tier evidence (the app itself refuses more than 5 MB, in Indonesian).
process.env.BODY_SIZE_LIMIT ||= '12M';

// Static files (scripts, icons, the service worker) are served before SvelteKit's hooks run, so
// the headers every response needs are set here too; hooks.server.ts sets the same on pages.
const PERMISSIONS_POLICY =
	'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()';
const PROTOCOL_FROM = (process.env.PROTOCOL_HEADER || '').toLowerCase();

const IMMUTABLE = '/_app/immutable/';
// Non-literal, so that type-checking does not need a build (`npm run check` runs before it).
const BUILD_HANDLER = './build/handler.js';

const ORIGIN = process.env.ORIGIN ? new URL(process.env.ORIGIN).origin : null;

/**
 * The site's origin as SvelteKit computes it for this request (part of the cache key), or null
 * where only SvelteKit can tell (a proxy's HOST_HEADER or PORT_HEADER): then it answers.
 * @param {import('node:http').IncomingMessage} req
 */
function originOf(req) {
	if (ORIGIN) return ORIGIN;
	if (!fromConnection || process.env.HOST_HEADER || process.env.PORT_HEADER) return null;
	return req.headers.host ? `${req.headers[OWN_HEADER]}://${req.headers.host}` : null;
}

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
function setBaseHeaders(req, res) {
	res.setHeader('X-Content-Type-Options', 'nosniff');
	// Built scripts and styles are never documents: these two would only add ~190 B of header to
	// each of the dozen files a phone loads on its first visit.
	if (!req.url?.startsWith(IMMUTABLE)) {
		res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
		res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
	}
	const https = process.env.ORIGIN
		? process.env.ORIGIN.startsWith('https:')
		: String(req.headers[PROTOCOL_FROM] ?? '').startsWith('https');
	if (https) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
}

// One process per core: sessions and limits live in the database, so workers share nothing else.
const workers = Number(process.env.WEB_CONCURRENCY || availableParallelism());

if (cluster.isPrimary && workers > 1) {
	// The first worker migrates the database as it starts; the others start once it listens,
	// so no two processes race to create the same tables.
	let stopping = false;
	let started = false;
	cluster.on('listening', () => {
		if (started) return;
		started = true;
		for (let i = 1; i < workers; i++) cluster.fork();
	});
	cluster.fork();
	// A process that dies is replaced; one that keeps dying young (a broken disk, a full data
	// folder) is replaced ever more slowly, up to a minute apart, instead of every few seconds.
	const born = new Map();
	cluster.on('online', (worker) => born.set(worker.id, Date.now()));
	let delayMs = 0;
	cluster.on('exit', (worker, code, signal) => {
		if (stopping || code === 0) return;
		const lived = Date.now() - (born.get(worker.id) ?? 0);
		born.delete(worker.id);
		delayMs = lived < 10_000 ? Math.min(Math.max(delayMs * 2, 1000), 60_000) : 0;
		console.error(
			`Naik Kelas: a server process stopped (${signal ?? `exit ${code}`}); another starts${delayMs ? ` in ${delayMs / 1000} s` : ''}`
		);
		setTimeout(() => !stopping && cluster.fork(), delayMs);
	});
	for (const signal of ['SIGINT', 'SIGTERM'])
		process.on(signal, () => {
			stopping = true;
			for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
			setTimeout(() => process.exit(0), 3000).unref();
		});
	console.log(
		`Naik Kelas: ${workers} workers on http://${process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost'}:${process.env.PORT || 3000}`
	);
} else {
	await serve();
}

/**
 * Built files carry their hash in their name and are cached for a year as immutable, so no
 * browser ever revalidates them: ETag and Last-Modified are ~75 B of header on each of the
 * dozen files a first visit loads, for nothing.
 * @param {import('node:http').ServerResponse} res
 */
function withoutValidators(res) {
	const writeHead = res.writeHead;
	/** @param {unknown[]} args */
	const stripped = (...args) => {
		for (const arg of args)
			if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
				const headers = /** @type {Record<string, unknown>} */ (arg);
				delete headers.ETag;
				delete headers['Last-Modified'];
			}
		// The compression middleware turns the headers object into setHeader calls first.
		res.removeHeader('ETag');
		res.removeHeader('Last-Modified');
		return Reflect.apply(writeHead, res, args);
	};
	// The overloads of writeHead are passed through as they are.
	res.writeHead = /** @type {typeof res.writeHead} */ (stripped);
}

async function serve() {
	// BUILD_DIR: another build than `build/` (the tests run their own, beside a running app).
	const { handler } = await import(
		process.env.BUILD_DIR
			? pathToFileURL(resolve(process.env.BUILD_DIR, 'handler.js')).href
			: BUILD_HANDLER
	);
	// Opened by the app's init hook, which the import above has run.
	const lane = fastLane();
	const hostRefusal = hostLane();
	// Behind a proxy's HOST_HEADER only SvelteKit knows the host: its hook checks it there.
	const checkHost = hostRefusal && !process.env.HOST_HEADER;

	const port = Number(process.env.PORT || 3000);
	const host = process.env.HOST || '0.0.0.0';

	// Pages and data are compressed on the fly (a lesson's HTML shrinks to about a third);
	// built assets are already stored as .br/.gz and served as they are.
	// Brotli at the library's quality 4: measured on a lesson, quality 2 saves 0.07 ms of CPU
	// but sends 6% more bytes, and the learner pays for bytes.
	const compress = compression({ threshold: 1024 });

	const server = createServer(async (req, res) => {
		if (fromConnection) req.headers[OWN_HEADER] = 'encrypted' in req.socket ? 'https' : 'http';
		setBaseHeaders(req, res);
		const refusal = checkHost ? hostRefusal(req.headers.host) : null;
		if (refusal) {
			res.writeHead(400, {
				'content-type': 'text/plain; charset=utf-8',
				'cache-control': 'no-store'
			});
			res.end(refusal);
			return;
		}
		const origin = lane && originOf(req);
		// A failing fast lane has written nothing: SvelteKit then answers (and logs) as usual.
		if (origin && (await lane(req, res, origin).catch(() => false))) return;
		if (req.url?.startsWith(IMMUTABLE)) {
			withoutValidators(res);
			// WordPress frames a pasted lesson with sandbox="allow-scripts" only: an opaque origin,
			// whose module scripts are fetched in CORS mode with `Origin: null`. Built files are
			// public and the same for everyone, so any origin may read them.
			res.setHeader('Access-Control-Allow-Origin', '*');
		}
		compress(req, res, () =>
			handler(req, res, () => {
				res.statusCode = 404;
				res.end('Not found');
			})
		);
	});

	server.listen(port, host, () => {
		if (cluster.isPrimary)
			console.log(`Naik Kelas: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
	});

	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => server.close(() => process.exit(0)));
	}
}
