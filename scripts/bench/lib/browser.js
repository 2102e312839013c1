// The system Chromium driven by Playwright, and what a page's requests were answered by.
import { chromium } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];
/** The phone the e2e tests use. */
export const PHONE = { viewport: { width: 360, height: 740 }, locale: 'id-ID', isMobile: true };

/** The bench cleans up on Ctrl-C itself (server, temporary files), then closes the browser. */
export const NO_SIGNAL_HANDLERS = {
	handleSIGINT: false,
	handleSIGTERM: false,
	handleSIGHUP: false
};

export function launchBrowser() {
	return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, ...NO_SIGNAL_HANDLERS });
}

export const KIND_NAMES = ['html', 'css', 'js', 'img', 'font', 'data', 'other', 'tls'];

/**
 * Counts, through the DevTools protocol, the requests of one page that an HTTP cache or a
 * service worker answered, and those that failed (offline). What went over the wire is
 * counted by the wire proxy (lib/wire-proxy.js), which also sees the service worker's fetches.
 */
export async function recordSources(page) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	/** @type {Map<string, { url: string, source: string, failed?: string }>} */
	const byId = new Map();
	const entry = (id) => {
		let e = byId.get(id);
		if (!e) byId.set(id, (e = { url: '', source: 'network' }));
		return e;
	};
	cdp.on('Network.requestWillBeSent', (ev) => (entry(ev.requestId).url = ev.request.url));
	cdp.on('Network.requestServedFromCache', (ev) => (entry(ev.requestId).source = 'cache'));
	cdp.on('Network.responseReceived', (ev) => {
		const e = entry(ev.requestId);
		if (ev.response.fromServiceWorker) e.source = 'service worker';
		else if (ev.response.fromDiskCache || ev.response.fromPrefetchCache) e.source = 'cache';
	});
	cdp.on('Network.loadingFailed', (ev) => (entry(ev.requestId).failed = ev.errorText));
	return {
		counts() {
			const all = [...byId.values()].filter((e) => e.url && !e.url.startsWith('data:'));
			return {
				fromCache: all.filter((e) => !e.failed && e.source === 'cache').length,
				fromServiceWorker: all.filter((e) => !e.failed && e.source === 'service worker').length,
				failed: all.filter((e) => e.failed).length,
				failedUrls: all.filter((e) => e.failed).map((e) => e.url)
			};
		},
		stop: () => cdp.detach().catch(() => {})
	};
}

/** Bytes over the wire and request counts by kind, from the wire proxy's log. */
export function summarize(wire) {
	const bytes = Object.fromEntries(KIND_NAMES.map((k) => [k, 0]));
	const requests = Object.fromEntries(KIND_NAMES.map((k) => [k, 0]));
	for (const r of wire) {
		bytes[r.kind] += r.bytes;
		requests[r.kind] += 1;
	}
	return {
		bytes,
		requests,
		totalBytes: wire.reduce((s, r) => s + r.bytes, 0),
		totalRequests: wire.length,
		htmlCssJsBytes: bytes.html + bytes.css + bytes.js,
		/** Of which response headers (status line and header fields). */
		htmlCssJsHeaderBytes: wire
			.filter((r) => ['html', 'css', 'js'].includes(r.kind))
			.reduce((s, r) => s + r.headerBytes, 0),
		network: wire
	};
}
