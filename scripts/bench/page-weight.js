// 1. Page weight: bytes over the wire by kind and request counts, on a first visit with an empty
// cache, a repeat visit, and a repeat visit offline (which must fetch nothing).
import { KB, figure, formatValue } from './lib/report.js';
import { PHONE, recordNetwork, summarize } from './lib/browser.js';

const SECTION = 'Page weight (first, repeat and offline visit)';
export const LESSON_BUDGET_BYTES = 60 * KB;

/** Loads `url` in a new tab of `context` and returns what went over the wire. */
export async function visit(context, url, { readable, waitForServiceWorker = false } = {}) {
	const page = await context.newPage();
	const recorder = await recordNetwork(page);
	let error = null;
	try {
		await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
		await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
		if (waitForServiceWorker) {
			// Let a service worker install and precache, as a learner's phone would after a visit.
			await page
				.evaluate(async () => {
					const sw = navigator.serviceWorker;
					if (!sw || !(await sw.getRegistration())) return;
					await Promise.race([sw.ready, new Promise((r) => setTimeout(r, 10_000))]);
				})
				.catch(() => {});
			await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
		}
	} catch (e) {
		error = e instanceof Error ? e.message.split('\n')[0] : String(e);
	}
	const state = await page
		.evaluate(async (selector) => {
			const el = selector ? document.querySelector(selector) : document.body;
			const registration = await navigator.serviceWorker?.getRegistration();
			return {
				rendered: !!el && el.getBoundingClientRect().height > 0,
				serviceWorker: !!registration,
				controlled: !!navigator.serviceWorker?.controller
			};
		}, readable ?? null)
		.catch(() => ({ rendered: false, serviceWorker: false, controlled: false }));
	await new Promise((r) => setTimeout(r, 200));
	const summary = summarize(recorder.entries(), recorder.swRequests());
	await recorder.stop();
	await page.close();
	return { ...summary, ...state, error };
}

function kinds(s) {
	const parts = ['html', 'css', 'js', 'img', 'font', 'data', 'other']
		.filter((k) => s.requests[k])
		.map((k) => `${k} ${formatValue(s.bytes[k], 'B')} (${s.requests[k]})`);
	return parts.join(', ') || 'nothing';
}

function largestScripts(s, n = 4) {
	return s.network
		.filter((r) => r.kind === 'js')
		.sort((a, b) => b.bytes - a.bytes)
		.slice(0, n)
		.map((r) => `${new URL(r.url).pathname.replace('/_app/immutable/', '')} ${formatValue(r.bytes, 'B')}`)
		.join(', ');
}

/**
 * @param {import('@playwright/test').Browser} browser
 * @param {string} base
 * @param {{ name: string, path: string, readable: string, budget?: boolean }[]} pages
 */
export async function measurePageWeight(browser, base, pages) {
	const rows = [];
	const details = {};
	for (const p of pages) {
		const url = new URL(p.path, base).href;
		const context = await browser.newContext(PHONE);
		const first = await visit(context, url, { readable: p.readable, waitForServiceWorker: true });
		const repeat = await visit(context, url, { readable: p.readable });
		await context.setOffline(true);
		const offline = await visit(context, url, { readable: p.readable });
		await context.close();
		details[p.name] = { url, first, repeat, offline };

		const budget = p.budget ? { max: LESSON_BUDGET_BYTES } : {};
		const zero = p.budget ? { max: 0 } : {};
		const htmlEncoding = first.network.find((r) => r.kind === 'html')?.encoding ?? 'none';
		rows.push(
			figure(SECTION, `${p.name}: first visit HTML+CSS+JS`, first.htmlCssJsBytes, {
				unit: 'B',
				...budget,
				note: first.error ?? `HTML content-encoding: ${htmlEncoding}`
			}),
			figure(SECTION, `${p.name}: first visit, all`, first.totalBytes, {
				unit: 'B',
				note: `${first.totalRequests} requests: ${kinds(first)}`
			})
		);
		if (p.budget)
			rows.push(
				figure(SECTION, `${p.name}: largest scripts`, first.requests.js, {
					unit: 'files',
					note: largestScripts(first)
				})
			);
		const noSw = !first.serviceWorker ? 'no service worker yet; ' : '';
		rows.push(
			figure(SECTION, `${p.name}: repeat visit from network`, repeat.totalBytes, {
				unit: 'B',
				...zero,
				note: `${noSw}${repeat.totalRequests} requests (${kinds(repeat)}); ${repeat.fromCache} from HTTP cache, ${repeat.fromServiceWorker} from service worker`
			})
		);
		const offlineOk = offline.rendered && offline.failed === 0 && offline.totalRequests === 0;
		rows.push(
			first.serviceWorker
				? figure(SECTION, `${p.name}: offline repeat visit`, offlineOk ? 'renders' : 'fails', {
						status: p.budget ? (offlineOk ? 'ok' : 'MISS') : 'info',
						note: `${offline.failed} failed requests, ${offline.fromServiceWorker} from service worker${offline.controlled ? '' : '; page not controlled'}${offline.error ? `; ${offline.error}` : ''}`
					})
				: figure(SECTION, `${p.name}: offline repeat visit`, offline.rendered ? 'renders' : 'fails', {
						status: p.budget ? 'MISS' : 'info',
						note: `no service worker yet; ${offline.failed} failed requests${offline.error ? ` (${offline.error})` : ''}`
					})
		);
	}
	return { rows, details };
}
