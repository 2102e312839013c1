// 2. Slow-network load: a cheap phone on a weak connection (400 kbps down, 400 ms round trip,
// CPU 4× slower), empty cache: time to first contentful paint and to the main text being readable.
import { figure } from './lib/report.js';
import { PHONE } from './lib/browser.js';

const SECTION = 'Slow network (400 kbps, 400 ms RTT, CPU 4× slower)';
export const SLOW = {
	latency: 400,
	downloadThroughput: 400_000 / 8,
	uploadThroughput: 400_000 / 8
};
export const CPU_SLOWDOWN = 4;

/**
 * Runs in the page before its own scripts: notes the first frame in which the text the visitor
 * came for (`selector`) is laid out on screen. A frame is only produced once the render-blocking
 * stylesheets are in, so this is the first paint that shows that text readable.
 */
function watchReadable(selector) {
	const w = /** @type {any} */ (window);
	w.__benchReadable = null;
	const check = () => {
		const el = document.querySelector(selector);
		const box = el?.getBoundingClientRect();
		if (el && box && box.height > 0 && box.top < innerHeight && el.textContent?.trim()) {
			w.__benchReadable = performance.now();
			return;
		}
		requestAnimationFrame(check);
	};
	requestAnimationFrame(check);
}

export async function loadSlowly(browser, url, readable) {
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW });
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
	await page.addInitScript(watchReadable, readable);
	let error = null;
	try {
		await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
		await page.waitForFunction(() => /** @type {any} */ (window).__benchReadable !== null, null, {
			timeout: 30_000
		});
		// Hydration: the scripts are fetched after the load event (dynamic imports).
		await page.waitForLoadState('networkidle', { timeout: 60_000 });
	} catch (e) {
		error = e instanceof Error ? e.message.split('\n')[0] : String(e);
	}
	const times = await page
		.evaluate(() => {
			const nav = /** @type {PerformanceNavigationTiming | undefined} */ (
				performance.getEntriesByType('navigation')[0]
			);
			const fcp = performance.getEntriesByName('first-contentful-paint')[0];
			return {
				fcp: fcp ? fcp.startTime : null,
				readable: /** @type {any} */ (window).__benchReadable,
				load: nav ? nav.loadEventEnd : null,
				lastByte: Math.max(
					nav ? nav.responseEnd : 0,
					...performance
						.getEntriesByType('resource')
						.map((e) => /** @type {PerformanceResourceTiming} */ (e).responseEnd)
				)
			};
		})
		.catch(() => ({ fcp: null, readable: null, load: null, lastByte: null }));
	await context.close();
	// The frame that shows the text is painted after its animation-frame callback: never before FCP.
	if (times.readable !== null && times.fcp !== null)
		times.readable = Math.max(times.readable, times.fcp);
	return { ...times, error };
}

const ms = (v) => (v === null ? '–' : `${Math.round(v)} ms`);

/**
 * @param {import('@playwright/test').Browser} browser
 * @param {string} base
 * @param {{ name: string, path: string, readable: string }[]} pages
 */
export async function measureSlowLoad(browser, base, pages) {
	const rows = [];
	const details = {};
	for (const p of pages) {
		const r = await loadSlowly(browser, new URL(p.path, base).href, p.readable);
		details[p.name] = r;
		rows.push(
			figure(SECTION, `${p.name}: first contentful paint`, r.fcp, {
				unit: 'ms',
				note: r.error ?? ''
			}),
			figure(SECTION, `${p.name}: main text readable`, r.readable, {
				unit: 'ms',
				note: `\`${p.readable}\` on screen; load event ${ms(r.load)}, last script or data in ${ms(r.lastByte)}`
			})
		);
	}
	return { rows, details };
}
