import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { embeddedLessonClosure, lessonClosure } from './scripts/build/lesson-closure.js';

/**
 * Which shared client code goes where (scripts/build/lesson-closure.js reads a page's imports
 * and the messages they can show): what a lesson runs, and the few words the embedded lesson
 * adds, into the file every lesson downloads; the code only a partner's frame adds into a
 * second; and the rest of our shared code (trainer, admin, account forms) into a third that
 * neither ever fetches. (Embed words in the second would make every page that shares one of
 * them, like "Ikuti kuis", fetch the embed code too.)
 */
const lesson = lessonClosure(import.meta.dirname);
const embedded = embeddedLessonClosure(import.meta.dirname);
const MESSAGE = /[\\/]src[\\/]lib[\\/]paraglide[\\/]messages[\\/](\w+)\.js$/;
const OWN_CODE = /[\\/]src[\\/](lib|routes)[\\/](?!paraglide[\\/])/;
/** Whether module `id` is ours (code or a message) and outside `closure`. */
function outside(closure: ReturnType<typeof lessonClosure>, id: string) {
	const message = MESSAGE.exec(id)?.[1];
	if (message) return message !== '_index' && !closure.messages.has(message);
	const file = id.split('?')[0];
	return OWN_CODE.test(file) && !closure.files.has(file);
}
const forLessons = (id: string) => !outside(MESSAGE.test(id) ? embedded : lesson, id);
const LESSON_TEXT = /[\\/]courses[\\/].+\.md$/;
/** Lesson reading (src/lib/listen) past its button, and its words: one file, fetched on first tap. */
const LISTEN = /[\\/]src[\\/]lib[\\/](listen[\\/]|paraglide[\\/]messages[\\/]listen_)/;

/**
 * The browser's code in a few files instead of dozens: automatic splitting made 26 files for a
 * lesson, 20 of them under 1.5 KB, each with ~320 B of HTTP/1.1 headers, and small files
 * compress badly. What two or more pages share (Svelte, SvelteKit's client, the offline outbox,
 * the layout's and lessons' messages) goes into one cached file, the rest of what pages share
 * into a second; what one page alone needs stays in that page's file, and each lesson's text in
 * its own. Client build only (the server's chunks are left as they are).
 */
const fewerClientChunks: Plugin = {
	name: 'naik-kelas:fewer-client-chunks',
	apply: 'build',
	config: (_, { isSsrBuild }) =>
		isSsrBuild
			? undefined
			: {
					build: {
						rollupOptions: {
							output: {
								codeSplitting: {
									groups: [
										{
											// Named so the service worker can keep it for offline (src/sw.ts).
											name: 'listen',
											priority: 4,
											test: (id: string) => LISTEN.test(id) && outside(embedded, id)
										},
										{
											name: 'app',
											priority: 3,
											minShareCount: 2,
											test: (id: string) => !LESSON_TEXT.test(id) && forLessons(id)
										},
										{
											name: 'embed',
											priority: 2,
											minShareCount: 2,
											test: (id: string) => !forLessons(id) && !outside(embedded, id)
										},
										{
											name: 'more',
											priority: 1,
											minShareCount: 2,
											test: (id: string) => outside(embedded, id)
										}
									]
								}
							}
						}
					}
				}
};

export default defineConfig({
	plugins: [
		fewerClientChunks,
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// Indonesian unless the learner chose English; no locale in URLs (printed QR codes).
			strategy: ['cookie', 'baseLocale'],
			cookieName: 'nk-lang'
		}),
		sveltekit(),
		SvelteKitPWA({
			registerType: 'prompt',
			injectRegister: false,
			// Absolute: SvelteKit builds with relative paths, and a learner may first arrive on a
			// lesson three folders deep, from a WhatsApp link.
			base: '/',
			scope: '/',
			// Our own service worker (src/sw.ts): offline pages, saved courses, the app shell.
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'sw.ts',
			injectManifest: {
				globPatterns: [
					'client/icons/*.png',
					'client/favicon.svg',
					'client/manifest.webmanifest',
					// "Dengarkan" loads its reader on first tap: kept so that tap works offline too.
					'client/_app/immutable/chunks/listen.*.js',
					'client/_app/immutable/assets/listen.*.css'
				]
			},
			manifest: {
				id: '/',
				name: 'Naik Kelas: belajar usaha untuk IKM Bojonegoro',
				short_name: 'Naik Kelas',
				description: 'Kursus singkat manajemen usaha, pemasaran digital, kemasan dan legalitas.',
				lang: 'id',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				background_color: '#fffdf7',
				theme_color: '#0b5d3b',
				screenshots: [
					{
						src: '/screenshots/pelajaran.png',
						sizes: '360x740',
						type: 'image/png',
						form_factor: 'narrow',
						label: 'Pelajaran dengan soal latihan'
					},
					{
						src: '/screenshots/kursus-lebar.png',
						sizes: '1280x800',
						type: 'image/png',
						form_factor: 'wide',
						label: 'Daftar kursus di laptop pelatih'
					}
				],
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: '/icons/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			devOptions: { enabled: false }
		})
	],
	test: {
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['tests/setup/temp-database.ts'],
		testTimeout: 20000
	}
});
