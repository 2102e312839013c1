// The system Chromium driven by Playwright, and a recorder of what a page fetched over the wire
// (from the DevTools protocol: encoded bytes, and whether a cache or service worker answered).
import { chromium } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update'
];
/** The phone the e2e tests use. */
export const PHONE = { viewport: { width: 360, height: 740 }, locale: 'id-ID', isMobile: true };

export function launchBrowser() {
	return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const KINDS = {
	Document: 'html',
	Script: 'js',
	Stylesheet: 'css',
	Image: 'img',
	Font: 'font',
	Fetch: 'data',
	XHR: 'data',
	Manifest: 'other'
};
export const KIND_NAMES = ['html', 'css', 'js', 'img', 'font', 'data', 'other'];

function kindOf(type, url) {
	if (url.startsWith('data:')) return null;
	return KINDS[type] ?? 'other';
}

/**
 * Records the requests of one page (through CDP) and of its context's service worker (through
 * Playwright, which reports service-worker requests on the context).
 */
export async function recordNetwork(page) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	/** @type {Map<string, any>} */
	const byId = new Map();
	const entry = (id) => {
		let e = byId.get(id);
		if (!e) byId.set(id, (e = { id, url: '', type: '', status: 0, bytes: 0, source: 'network' }));
		return e;
	};
	cdp.on('Network.requestWillBeSent', (ev) => {
		const e = entry(ev.requestId);
		e.url = ev.request.url;
		e.type = ev.type ?? e.type;
	});
	cdp.on('Network.requestServedFromCache', (ev) => (entry(ev.requestId).source = 'memory cache'));
	cdp.on('Network.responseReceived', (ev) => {
		const e = entry(ev.requestId);
		e.url ||= ev.response.url;
		e.type = ev.type ?? e.type;
		e.status = ev.response.status;
		e.encoding = ev.response.headers['content-encoding'] ?? ev.response.headers['Content-Encoding'];
		e.cacheControl = ev.response.headers['cache-control'] ?? ev.response.headers['Cache-Control'];
		if (ev.response.fromServiceWorker) e.source = 'service worker';
		else if (ev.response.fromDiskCache) e.source = 'disk cache';
		else if (ev.response.fromPrefetchCache) e.source = 'prefetch cache';
	});
	cdp.on('Network.loadingFinished', (ev) => (entry(ev.requestId).bytes = ev.encodedDataLength));
	cdp.on('Network.loadingFailed', (ev) => {
		const e = entry(ev.requestId);
		e.failed = ev.errorText;
	});

	const swRequests = [];
	const onSwRequest = async (request) => {
		if (!request.serviceWorker()) return;
		const sizes = await request.sizes().catch(() => null);
		swRequests.push({
			url: request.url(),
			type: 'ServiceWorker',
			bytes: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0
		});
	};
	page.context().on('requestfinished', onSwRequest);

	return {
		/** Everything recorded so far. */
		entries: () => [...byId.values()].filter((e) => e.url && !e.url.startsWith('data:')),
		swRequests: () => swRequests,
		async stop() {
			page.context().off('requestfinished', onSwRequest);
			await cdp.detach().catch(() => {});
		}
	};
}

/**
 * Bytes over the wire and request counts by kind. Requests a cache or the service worker
 * answered are counted apart; a failed request (offline) counts as an attempt.
 */
export function summarize(entries, swRequests = []) {
	const bytes = Object.fromEntries(KIND_NAMES.map((k) => [k, 0]));
	const requests = Object.fromEntries(KIND_NAMES.map((k) => [k, 0]));
	let fromCache = 0;
	let fromServiceWorker = 0;
	let failed = 0;
	const network = [];
	for (const e of entries) {
		const kind = kindOf(e.type, e.url);
		if (!kind) continue;
		if (e.failed) failed += 1;
		else if (e.source === 'service worker') fromServiceWorker += 1;
		else if (e.source !== 'network') fromCache += 1;
		else {
			bytes[kind] += e.bytes;
			requests[kind] += 1;
			network.push({ kind, url: e.url, bytes: e.bytes, status: e.status, encoding: e.encoding ?? null, cacheControl: e.cacheControl ?? null });
		}
	}
	const swBytes = swRequests.reduce((s, r) => s + r.bytes, 0);
	const total = Object.values(bytes).reduce((a, b) => a + b, 0);
	return {
		bytes,
		requests,
		totalBytes: total,
		totalRequests: network.length,
		htmlCssJsBytes: bytes.html + bytes.css + bytes.js,
		fromCache,
		fromServiceWorker,
		failed,
		serviceWorkerFetches: swRequests.length,
		serviceWorkerBytes: swBytes,
		network
	};
}
