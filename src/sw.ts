// Type-checked on its own with the webworker library: tsconfig.sw.json.
import { version } from '$service-worker';
import { CacheExpiration } from 'workbox-expiration';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { cachePage } from './lib/offline/cache-page';
import { offlinePage, titleFromPage, type SavedCourse } from './lib/offline-page';

declare let self: ServiceWorkerGlobalScope;

const SHELL = 'nk-shell';
const ASSETS = 'nk-assets';
/** Lessons this phone has opened, each stamped with the content version it was rendered from. */
const PAGES = 'nk-pages';
const META = 'nk-meta';
const VERSION_HEADER = 'x-nk-version';
const SAVED_AT_HEADER = 'x-nk-saved-at';
/** When the learner's state last changed (a form sent: sign-in, sign-out, quiz, language). */
const STATE_CHANGED = '/__nk/state-changed';
const DAY_MS = 24 * 60 * 60 * 1000;
const pagesExpiration = new CacheExpiration(PAGES, { maxEntries: 80 });

// Icons, the manifest and the lesson reader (see vite.config.ts); pages and scripts are cached below.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

/**
 * The app shell: the home page (it lists every course) with everything it loads. Not at install:
 * a learner who opens one lesson from a WhatsApp link should not pay for a page they did not
 * ask for. It is kept when the learner opens the home page, installs the app, or saves a course
 * for offline use (the page sends SAVE_SHELL).
 */
async function ensureShell() {
	const cache = await caches.open(SHELL);
	if (!(await cache.match('/'))) await cachePage(cache, '/').catch(() => 0);
}

// Built files never change under one name: once fetched, always from the cache.
registerRoute(
	({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/_app/immutable/'),
	new CacheFirst({ cacheName: ASSETS })
);

/** The offline page, listing the courses saved on this phone ("Simpan untuk offline"). */
async function offlineResponse() {
	const courses: SavedCourse[] = [];
	for (const name of await caches.keys()) {
		if (!name.startsWith('nk-course-')) continue;
		const slug = name.slice('nk-course-'.length);
		const page = await (await caches.open(name)).match(`/courses/${slug}`);
		courses.push({ slug, title: page ? titleFromPage(await page.text(), slug) : slug });
	}
	return new Response(offlinePage(courses), {
		headers: { 'content-type': 'text/html; charset=utf-8' }
	});
}

/** Any saved copy of a page or its data, whichever cache holds it. */
function savedCopy(url: URL) {
	return caches.match(url.pathname, { ignoreSearch: true });
}

/** A lesson page or its data: `/courses/{course}/{lesson}`, the quiz excepted. */
function isLesson(url: URL) {
	const parts = url.pathname.replace(/\/__data\.json$/, '').split('/');
	return parts.length === 4 && parts[1] === 'courses' && parts[3] !== 'quiz';
}

/** A course's quiz page: kept like a lesson, but shown from the phone only when offline. */
function isQuiz(url: URL) {
	const parts = url.pathname.split('/');
	return parts.length === 4 && parts[1] === 'courses' && parts[3] === 'quiz';
}

/** The response again, stamped with this build's content version and when it was asked for. */
function stamped(response: Response, askedAt: number) {
	const headers = new Headers(response.headers);
	headers.set(VERSION_HEADER, version);
	headers.set(SAVED_AT_HEADER, String(askedAt));
	return new Response(response.body, {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}

async function stateChangedAt() {
	const mark = await (await caches.open(META)).match(STATE_CHANGED);
	return mark ? Number(await mark.text()) : 0;
}

/**
 * A saved lesson that can be shown without asking the network: rendered from this content
 * version (a corrected lesson comes with a new build, hence a new version) and after the
 * learner's last sign-in, sign-out or form. Its age decides whether to refresh it quietly.
 */
async function currentLesson(url: URL) {
	const saved = await (await caches.open(PAGES)).match(url.pathname);
	if (!saved || saved.headers.get(VERSION_HEADER) !== version) return null;
	const savedAt = Number(saved.headers.get(SAVED_AT_HEADER));
	if (!(savedAt > (await stateChangedAt()))) return null;
	return { response: saved, age: Date.now() - savedAt };
}

/** Fetches a page and keeps it: in every cache that holds it, and lessons in PAGES. */
async function fetchAndKeep(request: Request, url: URL) {
	const askedAt = Date.now();
	const response = await fetch(request);
	if (response.ok && response.status === 200) {
		const keep = stamped(response.clone(), askedAt);
		const names = new Set(await caches.keys());
		// What stays on the phone for next time: the course pages, lessons and quizzes (public
		// text and the learner's own progress) and the home page. Never the account, trainer or
		// admin pages (names, phone numbers, participants): a phone is often shared after
		// signing out. Saved-course caches are refreshed with what they already hold.
		const course = url.pathname.startsWith('/courses');
		const home = url.pathname === '/' || url.pathname === '/__data.json';
		if (isLesson(url) || isQuiz(url)) names.add(PAGES);
		if (home) names.add(SHELL);
		for (const name of names) {
			if (name === ASSETS || name === META) continue;
			const cache = await caches.open(name);
			const mine = name === PAGES ? course : name === SHELL ? home : false;
			if (mine || (await cache.match(url.pathname))) await cache.put(url.pathname, keep.clone());
		}
		if (isLesson(url) || isQuiz(url)) await pagesExpiration.updateTimestamp(url.pathname);
		await pagesExpiration.expireEntries();
	}
	return response;
}

/**
 * Lessons the learner has opened before come from the phone: nothing is downloaded, the page
 * shows at once even on a poor line, and a day-old copy is refreshed in the background for next
 * time. Everything else, and lessons of an older version, go to the network first.
 */
async function lessonFromPhone(request: Request, url: URL, event: ExtendableEvent) {
	const current = await currentLesson(url);
	if (!current) return null;
	if (current.age > DAY_MS) event.waitUntil(fetchAndKeep(request, url).catch(() => undefined));
	return current.response;
}

/**
 * Pages and their data: the network first (so learners see new content), refreshing any copy
 * already saved. On a slow line a saved copy is shown after 6 s; with no network, the saved
 * copy, or a short offline page.
 */
async function networkFirst(request: Request): Promise<Response> {
	const url = new URL(request.url);
	const network = fetchAndKeep(request, url);
	const slow = new Promise<'slow'>((resolve) => setTimeout(() => resolve('slow'), 6000));
	try {
		const first = await Promise.race([network, slow]);
		if (first !== 'slow') return first;
		return (await savedCopy(url)) ?? (await network);
	} catch {
		const saved = await savedCopy(url);
		if (saved) return saved;
		if (request.mode === 'navigate') return offlineResponse();
		return Response.error();
	}
}

registerRoute(
	({ request, url }) =>
		request.method === 'GET' &&
		url.origin === self.location.origin &&
		(request.mode === 'navigate' || url.pathname.endsWith('/__data.json')) &&
		!url.pathname.startsWith('/api/'),
	async ({ request, url, event }) => {
		return (isLesson(url) && (await lessonFromPhone(request, url, event))) || networkFirst(request);
	}
);

// A form sent (sign-in or out, a quiz, the language, the account) may change what every page
// shows: saved lessons are checked with the network again. Progress sync changes nothing there
// (the lesson page reads this phone's own record of completed lessons).
self.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	if (
		event.request.method !== 'GET' &&
		url.origin === self.location.origin &&
		!url.pathname.startsWith('/api/')
	)
		// The server changes its state when the form arrives, a moment from now: pages asked for
		// in the next 15 s may still show the old state, so they count as older than the form.
		event.waitUntil(
			caches
				.open(META)
				.then((cache) => cache.put(STATE_CHANGED, new Response(String(Date.now() + 15_000))))
		);
});

/**
 * The lesson (or quiz) open when the worker first arrives was loaded before the worker was in
 * charge: keep it too, from the browser's HTTP cache (force-cache), so its next visit costs
 * nothing and a quiz opened from a shared link can be taken again offline.
 */
async function keepOpenLessons() {
	for (const client of await self.clients.matchAll({ type: 'window' })) {
		const url = new URL(client.url);
		if (url.origin !== self.location.origin || url.search) continue;
		if (!isLesson(url) && !isQuiz(url)) continue;
		const request = new Request(url.pathname, {
			cache: 'force-cache',
			headers: { accept: 'text/html' }
		});
		await fetchAndKeep(request, url).catch(() => undefined);
	}
}

// The first version takes charge of the open page at once, so a course can be saved right away.
self.addEventListener('activate', (event) =>
	event.waitUntil(self.clients.claim().then(keepOpenLessons))
);

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
	if (event.data?.type === 'SAVE_SHELL') event.waitUntil(ensureShell());
});
