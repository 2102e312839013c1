// 6. Lighthouse mobile (its default: a mid-range phone, simulated slow 4G) on the system
// Chromium, one run per page; and PWA installability from the DevTools protocol, since
// Lighthouse 12 has no PWA category any more.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { figure } from './lib/report.js';
import { chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, NO_SIGNAL_HANDLERS, PHONE } from './lib/browser.js';

/**
 * The rows of an audit's table (Lighthouse types `details` as a union of every kind).
 * @param {unknown} details
 * @returns {any[]}
 */
function tableItems(details) {
	const items = /** @type {{ items?: unknown } | undefined} */ (details)?.items;
	return Array.isArray(items) ? items : [];
}

const SECTION = 'Lighthouse mobile';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/**
 * @param {string} base
 * @param {{ name: string, path: string }[]} pages
 * @param {{ port: number }} opts the DevTools port of the Chromium Lighthouse drives
 */
export async function measureLighthouse(base, pages, { port }) {
	const chrome = await chromeLauncher.launch({
		chromePath: CHROMIUM,
		port,
		handleSIGINT: false,
		chromeFlags: ['--headless=new', ...CHROMIUM_ARGS]
	});
	const rows = [];
	const details = {};
	try {
		for (const p of pages) {
			const url = new URL(p.path, base).href;
			const result = await lighthouse(url, {
				port: chrome.port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: CATEGORIES
			});
			const lhr = result?.lhr;
			if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
			const score = (id) => {
				const s = lhr.categories[id]?.score;
				return typeof s === 'number' ? Math.round(s * 100) : null;
			};
			const metric = (id) => lhr.audits[id]?.displayValue ?? '–';
			const failed = CATEGORIES.slice(1).flatMap((c) =>
				(lhr.categories[c]?.auditRefs ?? [])
					.filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
					.map((ref) => ref.id)
			);
			details[p.name] = {
				scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(c)])),
				metrics: Object.fromEntries(
					[
						'first-contentful-paint',
						'largest-contentful-paint',
						'total-blocking-time',
						'cumulative-layout-shift',
						'speed-index'
					].map((id) => [id, lhr.audits[id]?.numericValue ?? null])
				),
				failedAudits: failed,
				consoleErrors: tableItems(lhr.audits['errors-in-console']?.details).map(
					(i) => `${i.source ?? ''}: ${String(i.description ?? '').split('\n')[0]}`
				),
				layoutShifts: tableItems(lhr.audits['layout-shifts']?.details).map(
					(i) => `${i.score?.toFixed?.(3) ?? i.score} ${i.node?.snippet ?? ''}`
				),
				benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
				runWarnings: lhr.runWarnings
			};
			rows.push(
				figure(SECTION, `${p.name}: performance`, score('performance'), {
					min: 95,
					note: `FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}`
				}),
				figure(
					SECTION,
					`${p.name}: accessibility / best practices / SEO`,
					CATEGORIES.slice(1)
						.map((c) => score(c))
						.join(' / '),
					{
						note: failed.length ? `audits not passed: ${failed.join(', ')}` : ''
					}
				)
			);
		}
	} finally {
		await chrome.kill();
	}
	return { rows, details };
}

/**
 * Page.getInstallabilityErrors on the home page, in a browser profile on disk (an incognito
 * context is never installable). Chromium wants a manifest with icons and a start URL.
 */
export async function measureInstallability(base, tmp) {
	const profile = await mkdtemp(join(tmp, 'profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		args: CHROMIUM_ARGS,
		...NO_SIGNAL_HANDLERS,
		...PHONE
	});
	const page = context.pages()[0] ?? (await context.newPage());
	const cdp = await context.newCDPSession(page);
	try {
		await page.goto(new URL('/', base).href, { waitUntil: 'load' });
		await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
		const manifest = await cdp.send('Page.getAppManifest').catch(() => null);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		const errors = installabilityErrors.map(
			(e) =>
				e.errorId +
				(e.errorArguments?.length ? `(${e.errorArguments.map((a) => a.value).join(', ')})` : '')
		);
		return {
			rows: [
				figure(SECTION, 'PWA installable (home page)', errors.length ? 'no' : 'yes', {
					status: errors.length ? 'info' : 'ok',
					note: errors.length
						? `Page.getInstallabilityErrors: ${errors.join(', ')}`
						: `manifest ${manifest?.url || '(none)'}`
				})
			],
			details: { errors, manifestUrl: manifest?.url ?? null }
		};
	} finally {
		await context.close();
		await rm(profile, { recursive: true, force: true });
	}
}
