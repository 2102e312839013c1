// 1. Page weight: bytes over the wire by kind and request counts, on a first visit with an empty
// cache, a repeat visit, and a repeat visit offline (which must fetch nothing). Then the lesson
// again as a learner who already has the service worker, and one who saved the course offline.
import { figure, formatValue, KB } from './lib/report.js';
import { PHONE, recordSources, summarize } from './lib/browser.js';

const SECTION = 'Page weight (first, repeat and offline visit)';
const SCENARIOS = 'Lesson, for a learner who already has the service worker';
export const LESSON_BUDGET_BYTES = 60 * KB;

const firstLine = (e) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

/** Waits for a service worker the page registers (after hydration) to be installed and active. */
async function settleServiceWorker(page) {
	await page
		.evaluate(async () => {
			const sw = navigator.serviceWorker;
			if (!sw) return;
			for (let i = 0; i < 25 && !(await sw.getRegistration()); i++)
				await new Promise((r) => setTimeout(r, 200));
			if (!(await sw.getRegistration())) return;
			await Promise.race([sw.ready, new Promise((r) => setTimeout(r, 15_000))]);
		})
		.catch(() => {});
	await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
}

/**
 * Opens `url` in a new tab of `context` (whose traffic goes through `proxy`) and returns what
 * went over the wire, what caches answered, and whether the page rendered its main text.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {any} proxy
 * @param {string} url
 * @param {{ readable?: string | null, waitForServiceWorker?: boolean }} [opts]
 */
export async function visit(context, proxy, url, { readable, waitForServiceWorker = false } = {}) {
	proxy.take();
	const page = await context.newPage();
	const sources = await recordSources(page);
	const consoleErrors = [];
	page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text().slice(0, 200)));
	page.on('pageerror', (e) => consoleErrors.push(firstLine(e).slice(0, 200)));
	let error = null;
	try {
		await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
		await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
		if (waitForServiceWorker) await settleServiceWorker(page);
	} catch (e) {
		error = firstLine(e);
	}
	const state = await page
		.evaluate(async (selector) => {
			const el = selector ? document.querySelector(selector) : document.body;
			const registration = await navigator.serviceWorker?.getRegistration();
			return {
				rendered: !!el && el.getBoundingClientRect().height > 0,
				serviceWorker: !!registration,
				scriptURL: registration?.active?.scriptURL ?? null,
				controlled: !!navigator.serviceWorker?.controller
			};
		}, readable ?? null)
		.catch(() => ({ rendered: false, serviceWorker: false, scriptURL: null, controlled: false }));
	await new Promise((r) => setTimeout(r, 300));
	const counts = sources.counts();
	await sources.stop();
	await page.close();
	// The browser checks the service worker's script for updates on navigation, from its own
	// process (even under offline emulation): not the page's traffic.
	const wire = proxy.take();
	const updateChecks = wire.filter((r) => r.url === state.scriptURL);
	const pageWire = wire.filter((r) => r.url !== state.scriptURL);
	return {
		...summarize(pageWire),
		...counts,
		...state,
		updateChecks: updateChecks.length,
		consoleErrors,
		error
	};
}

/** The learner's own progress going up (POST /api/sync): the app's work, not the page's load. */
const isSync = (r) => new URL(r.url).pathname === '/api/sync';
const syncBytes = (s) => s.network.filter(isSync).reduce((sum, r) => sum + r.bytes, 0);
/** What loading the page itself took from the network. */
const pageBytes = (s) => s.totalBytes - syncBytes(s);
const syncNote = (s) =>
	syncBytes(s)
		? `; besides, ${formatValue(syncBytes(s), 'B')} of progress sent (POST /api/sync)`
		: '';

function kinds(s) {
	const parts = Object.keys(s.requests)
		.filter((k) => s.requests[k])
		.map((k) => `${k} ${formatValue(s.bytes[k], 'B')} (${s.requests[k]})`);
	return parts.join(', ') || 'nothing';
}

function largestScripts(s, n = 4) {
	return s.network
		.filter((r) => r.kind === 'js')
		.sort((a, b) => b.bytes - a.bytes)
		.slice(0, n)
		.map(
			(r) =>
				`${new URL(r.url).pathname.replace('/_app/immutable/', '')} ${formatValue(r.bytes, 'B')}`
		)
		.join(', ');
}

const answered = (s) =>
	`${s.fromCache} from HTTP cache, ${s.fromServiceWorker} from the service worker`;

function offlineNote(s) {
	const failed = s.failedUrls.map((u) => new URL(u).pathname).join(' ');
	const parts = [
		`${s.totalRequests} went to the network; ${s.failed} failed${failed ? ` (${failed})` : ''}`,
		answered(s)
	];
	if (!s.controlled) parts.push('page not controlled by a service worker');
	if (s.error) parts.push(s.error);
	return parts.join('; ');
}

/**
 * An offline visit passes when the main text shows from what is stored on the phone. Attempts
 * that fail (a queued sync) are listed in the note, not counted against it.
 */
const offlineOk = (s) => s.rendered && s.totalRequests === 0;

export function newContext(browser, proxy) {
	return browser.newContext({ ...PHONE, proxy: { server: proxy.url } });
}

/**
 * @param {import('@playwright/test').Browser} browser
 * @param {{ url: string, take: () => any[] }} proxy the wire proxy (lib/wire-proxy.js)
 * @param {string} base
 * @param {{ name: string, path: string, readable: string, budget?: boolean }[]} pages
 * @param {{ coursePath: string }} opts
 */
export async function measurePageWeight(browser, proxy, base, pages, { coursePath }) {
	const rows = [];
	const details = {};
	for (const p of pages) {
		const url = new URL(p.path, base).href;
		const context = await newContext(browser, proxy);
		const first = await visit(context, proxy, url, {
			readable: p.readable,
			waitForServiceWorker: true
		});
		const repeat = await visit(context, proxy, url, { readable: p.readable });
		await context.setOffline(true);
		const offline = await visit(context, proxy, url, { readable: p.readable });
		await context.close();
		details[p.name] = { url, first, repeat, offline };

		const html = first.network.find((r) => r.kind === 'html');
		const noSw = first.serviceWorker
			? ''
			: `no service worker registered on this page${first.consoleErrors.length ? ` (console: ${first.consoleErrors[0]})` : ''}; `;
		rows.push(
			figure(SECTION, `${p.name}: first visit HTML+CSS+JS`, first.htmlCssJsBytes, {
				unit: 'B',
				...(p.budget ? { max: LESSON_BUDGET_BYTES } : {}),
				note:
					first.error ??
					`of which headers ${formatValue(first.htmlCssJsHeaderBytes, 'B')}; HTML ${formatValue(html?.bytes ?? 0, 'B')} ${html?.encoding ?? 'uncompressed'}, cache-control: ${html?.cacheControl ?? 'none'}`
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
		rows.push(
			figure(SECTION, `${p.name}: repeat visit from network`, pageBytes(repeat), {
				unit: 'B',
				...(p.budget ? { max: 0 } : {}),
				note: `${noSw}${repeat.totalRequests} requests (${kinds(repeat)}); ${answered(repeat)}${syncNote(repeat)}`
			}),
			figure(
				SECTION,
				`${p.name}: offline repeat visit`,
				offline.rendered ? 'renders' : 'does not render',
				{
					status: p.budget ? (offlineOk(offline) ? 'ok' : 'MISS') : 'info',
					note: noSw + offlineNote(offline)
				}
			)
		);
	}

	const lesson = pages.find((p) => p.budget);
	if (lesson) {
		const r = await lessonWithServiceWorker(browser, proxy, base, lesson, coursePath);
		rows.push(...r.rows);
		details.lessonWithServiceWorker = r.details;
	}
	return { rows, details };
}

/**
 * The lesson for a learner who opened the home page before (so the service worker is
 * installed), and then for one who also pressed "Simpan untuk offline" on the course page.
 */
async function lessonWithServiceWorker(browser, proxy, base, lesson, coursePath) {
	const url = new URL(lesson.path, base).href;
	const opts = { readable: lesson.readable };
	const rows = [];
	const details = {};

	let context = await newContext(browser, proxy);
	const home = await visit(context, proxy, new URL('/', base).href, { waitForServiceWorker: true });
	if (!home.serviceWorker) {
		await context.close();
		return {
			rows: [
				figure(SCENARIOS, 'service worker', null, { note: 'none registered from the home page' })
			],
			details: { home }
		};
	}
	const first = await visit(context, proxy, url, opts);
	const repeat = await visit(context, proxy, url, opts);
	await context.setOffline(true);
	const offline = await visit(context, proxy, url, opts);
	await context.close();
	Object.assign(details, { home, first, repeat, offline });
	rows.push(
		figure(SCENARIOS, 'home page: service worker downloads', home.totalBytes, {
			unit: 'B',
			note: `${home.totalRequests} requests with the page and its precache: ${kinds(home)}`
		}),
		figure(SCENARIOS, 'lesson: first visit from network', first.totalBytes, {
			unit: 'B',
			note: `${first.totalRequests} requests (${kinds(first)}); ${answered(first)}`
		}),
		figure(SCENARIOS, 'lesson: repeat visit from network', pageBytes(repeat), {
			unit: 'B',
			note: `${repeat.totalRequests} requests (${kinds(repeat)}); ${answered(repeat)}${syncNote(repeat)}`
		}),
		figure(
			SCENARIOS,
			'lesson: offline repeat visit',
			offline.rendered ? 'renders' : 'does not render',
			{
				note: offlineNote(offline)
			}
		)
	);

	// "Simpan untuk offline" on the course page, then the lesson again, online and offline.
	context = await newContext(browser, proxy);
	await visit(context, proxy, new URL('/', base).href, { waitForServiceWorker: true });
	const page = await context.newPage();
	let saved = null;
	try {
		await page.goto(new URL(coursePath, base).href, { waitUntil: 'networkidle' });
		proxy.take();
		await page
			.getByRole('button', { name: /offline/i })
			.first()
			.click({ timeout: 5_000 });
		await page.locator('.offline .notice').waitFor({ timeout: 60_000 });
		await page.waitForLoadState('networkidle').catch(() => {});
		saved = summarize(proxy.take());
	} catch (e) {
		details.saveError = firstLine(e);
	}
	await page.close();
	if (saved) {
		const savedRepeat = await visit(context, proxy, url, opts);
		await context.setOffline(true);
		const savedOffline = await visit(context, proxy, url, opts);
		Object.assign(details, { saved, savedRepeat, savedOffline });
		rows.push(
			figure(SCENARIOS, '"Simpan untuk offline": course download', saved.totalBytes, {
				unit: 'B',
				note: `${saved.totalRequests} requests: ${kinds(saved)}`
			}),
			figure(SCENARIOS, 'saved lesson: repeat visit from network', pageBytes(savedRepeat), {
				unit: 'B',
				note: `${savedRepeat.totalRequests} requests (${kinds(savedRepeat)}); ${answered(savedRepeat)}${syncNote(savedRepeat)}`
			}),
			figure(
				SCENARIOS,
				'saved lesson: offline visit',
				savedOffline.rendered ? 'renders' : 'does not render',
				{ status: offlineOk(savedOffline) ? 'ok' : 'info', note: offlineNote(savedOffline) }
			)
		);
	} else
		rows.push(
			figure(SCENARIOS, '"Simpan untuk offline"', null, {
				note: `could not save the course: ${details.saveError}`
			})
		);
	await context.close();
	return { rows, details };
}
