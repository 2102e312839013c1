import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';
import { fileURLToPath } from 'node:url';
import remarkFigures from './src/lib/content/remark-figures.js';
import remarkTableScroll from './src/lib/content/remark-table-scroll.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.md'],
	preprocess: [
		vitePreprocess(),
		mdsvex({
			extensions: ['.md'],
			// mdsvex needs an absolute path; runes forwarding keeps the layout in Svelte 5 mode
			layout: fileURLToPath(new URL('./src/lib/content/LessonLayout.svelte', import.meta.url)),
			layoutPropForwarding: 'runes',
			remarkPlugins: [remarkFigures, remarkTableScroll],
			smartypants: { dashes: 'oldschool' }
		})
	],
	onwarn: (warning, handler) => {
		// mdsvex itself writes `<script context="module">` for lesson metadata; not ours to fix.
		if (warning.code === 'script_context_deprecated' && warning.filename?.endsWith('.md')) return;
		handler(warning);
	},
	kit: {
		// BUILD_DIR: the tests build into a folder of their own (`npm run build:test`), never
		// under a running `npm start`.
		adapter: adapter({ out: process.env.BUILD_DIR || 'build' }),
		// SvelteKit builds our service worker (src/sw.ts); @vite-pwa/sveltekit injects the
		// precache list and registers it.
		files: { serviceWorker: 'src/sw' },
		serviceWorker: { register: false },
		alias: { $courses: 'courses' },
		// Scripts only from this site, plus SvelteKit's own inline start-up script, allowed by its
		// hash: unlike a nonce, a hash lets a rendered lesson be cached and served again
		// (src/lib/server/page-cache.ts) without reusing a secret across learners. Styles keep 'unsafe-inline': the
		// server-rendered HTML carries style attributes (app.html's wrapper, Svelte's style:
		// directives, the QR code's size) that CSP cannot allow by hash or nonce; an injected
		// style can restyle a page but run nothing. frame-ancestors is sent from hooks.server.ts
		// (a <meta> tag cannot carry it, and it depends on the path).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
