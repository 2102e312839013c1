// 7. A peer, side by side: a Moodle instance (MOODLE_URL) measured the same way on its
// equivalent pages, printed as ratios to Naik Kelas.
//
//   MOODLE_URL       e.g. http://127.0.0.1:8080 (unset: the comparison is skipped)
//   MOODLE_PAGE      a Page resource, the equivalent of a lesson (default /mod/page/view.php?id=2)
//   MOODLE_QUIZ      a quiz's start page (default /mod/quiz/view.php?id=3)
//   MOODLE_USER, MOODLE_PASSWORD   log in first (or MOODLE_COOKIE=MoodleSession=…)
import { figure, formatValue, unavailable } from './lib/report.js';
import { newContext, visit } from './page-weight.js';
import { hammer, PAGE_HEADERS } from './throughput.js';

const SECTION = 'Peer: Moodle, side by side';

function cookiesOf(res) {
	return res.headers.getSetCookie().map((c) => c.split(';')[0]);
}

/** Logs in through Moodle's form; returns the `MoodleSession=…` cookie. */
async function moodleLogin(base, username, password) {
	const loginUrl = new URL('/login/index.php', base);
	const form = await fetch(loginUrl, { redirect: 'manual' });
	const html = await form.text();
	const token = /name="logintoken" value="([^"]+)"/.exec(html)?.[1] ?? '';
	const jar = cookiesOf(form);
	const res = await fetch(loginUrl, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
		body: new URLSearchParams({ username, password, logintoken: token, anchor: '' })
	});
	await res.arrayBuffer();
	const session = [...cookiesOf(res), ...jar].find((c) => c.startsWith('MoodleSession='));
	if (!session || res.status !== 303) throw new Error(`Moodle login failed (${res.status})`);
	return session;
}

/**
 * @param {import('@playwright/test').Browser} browser
 * @param {{ url: string, take: () => any[] }} proxy the wire proxy (lib/wire-proxy.js)
 * @param {{ weight?: Record<string, any>, throughput?: any, duration: number }} ours
 *   the Naik Kelas figures to compare with (page-weight and throughput details)
 */
export async function measurePeer(browser, proxy, ours) {
	const base = process.env.MOODLE_URL;
	if (!base)
		return {
			rows: [unavailable(SECTION, 'Moodle comparison', 'skipped: MOODLE_URL is not set')],
			details: { skipped: true }
		};
	const pages = [
		{ name: 'home', ours: 'home', path: process.env.MOODLE_HOME || '/' },
		{
			name: 'page resource',
			ours: 'lesson',
			path: process.env.MOODLE_PAGE || '/mod/page/view.php?id=2'
		},
		{ name: 'quiz', ours: 'quiz', path: process.env.MOODLE_QUIZ || '/mod/quiz/view.php?id=3' }
	];
	let cookie = process.env.MOODLE_COOKIE || '';
	if (!cookie && process.env.MOODLE_USER)
		cookie = await moodleLogin(base, process.env.MOODLE_USER, process.env.MOODLE_PASSWORD ?? '');

	const rows = [];
	const details = { base, signedIn: !!cookie, pages: {} };
	for (const p of pages) {
		const context = await newContext(browser, proxy);
		if (cookie) {
			const [name, ...value] = cookie.split('=');
			await context.addCookies([{ name, value: value.join('='), url: base }]);
		}
		const first = await visit(context, proxy, new URL(p.path, base).href);
		await context.close();
		details.pages[p.name] = first;
		const mine = ours.weight?.[p.ours]?.first;
		rows.push(
			figure(SECTION, `Moodle ${p.name}: first visit, all`, first.totalBytes, {
				unit: 'B',
				note: `${first.totalRequests} requests; HTML+CSS+JS ${formatValue(first.htmlCssJsBytes, 'B')}${first.error ? `; ${first.error}` : ''}`
			})
		);
		if (mine)
			rows.push(
				figure(
					SECTION,
					`Moodle ${p.name} / Naik Kelas ${p.ours}: bytes`,
					mine.totalBytes ? first.totalBytes / mine.totalBytes : null,
					{
						unit: 'x',
						note: `requests ${first.totalRequests} vs ${mine.totalRequests}`
					}
				)
			);
	}

	const pageUrl = new URL(pages[1].path, base).href;
	const run = await hammer(pageUrl, {
		headers: { ...PAGE_HEADERS, ...(cookie ? { cookie } : {}) },
		duration: ours.duration
	});
	details.throughput = run;
	rows.push(
		figure(SECTION, 'Moodle page resource: requests/s', run.rps, {
			unit: 'req/s',
			note: `p50 ${run.p50} ms, p99 ${run.p99} ms${run.bad ? `, ${run.bad} not 2xx or failed` : ''}${cookie ? ', signed in' : ', guest'}`
		})
	);
	const mine = ours.throughput?.page;
	if (mine)
		rows.push(
			figure(
				SECTION,
				'Naik Kelas lesson / Moodle page: requests/s',
				run.rps ? mine.rps / run.rps : null,
				{
					unit: 'x',
					note: `p99 ${mine.p99} ms vs ${run.p99} ms`
				}
			)
		);
	return { rows, details };
}
