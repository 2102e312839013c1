// Type-checked on its own with the webworker library: tsconfig.sw.json.
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { cachePage } from './lib/offline/cache-page';

declare let self: ServiceWorkerGlobalScope;

const SHELL = 'nk-shell';
const ASSETS = 'nk-assets';

// Icons and the manifest (see vite.config.ts); pages and scripts are cached below.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// The app shell: the home page (it lists every course) with everything it loads.
self.addEventListener('install', (event) => {
	event.waitUntil(
		caches.open(SHELL).then(async (cache) => {
			await cachePage(cache, '/').catch(() => 0);
		})
	);
});

// Built files never change under one name: once fetched, always from the cache.
registerRoute(
	({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/_app/immutable/'),
	new CacheFirst({ cacheName: ASSETS })
);

const OFFLINE_PAGE = `<!doctype html><html lang="id"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Offline · Naik Kelas</title><body style="font:18px/1.6 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem"><h1>Anda sedang offline</h1><p>Halaman ini belum disimpan di HP ini. Kursus yang sudah disimpan tetap bisa dibuka.</p><p><a href="/">Kembali ke beranda</a></p></body></html>`;

/** Any saved copy of a page or its data, whichever cache holds it. */
function savedCopy(url: URL) {
	return caches.match(url.pathname, { ignoreSearch: true });
}

/**
 * Pages and their data: the network first (so learners see new content), refreshing any copy
 * already saved. On a slow line a saved copy is shown after 6 s; with no network, the saved
 * copy, or a short offline page.
 */
async function networkFirst(request: Request): Promise<Response> {
	const url = new URL(request.url);
	const network = fetch(request).then(async (response) => {
		if (response.ok) {
			for (const name of await caches.keys()) {
				const cache = await caches.open(name);
				if (await cache.match(url.pathname)) await cache.put(url.pathname, response.clone());
			}
		}
		return response;
	});
	const slow = new Promise<'slow'>((resolve) => setTimeout(() => resolve('slow'), 6000));
	try {
		const first = await Promise.race([network, slow]);
		if (first !== 'slow') return first;
		return (await savedCopy(url)) ?? (await network);
	} catch {
		const saved = await savedCopy(url);
		if (saved) return saved;
		if (request.mode === 'navigate')
			return new Response(OFFLINE_PAGE, {
				headers: { 'content-type': 'text/html; charset=utf-8' }
			});
		return Response.error();
	}
}

registerRoute(
	({ request, url }) =>
		request.method === 'GET' &&
		url.origin === self.location.origin &&
		(request.mode === 'navigate' || url.pathname.endsWith('/__data.json')) &&
		!url.pathname.startsWith('/api/'),
	({ request }) => networkFirst(request)
);

// The first version takes charge of the open page at once, so a course can be saved right away.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
