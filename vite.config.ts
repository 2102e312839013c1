import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import type { ManifestTransform } from 'workbox-build';
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
/**
 * The service worker's precache list with the lesson reader added: "Dengarkan" loads it on the
 * first tap (src/lib/listen/ListenButton.svelte), and that tap must work on a saved lesson
 * offline too. Its file names are hashes, so they are read from the client build's manifest.
 * (Replaces @vite-pwa/sveltekit's own transform, which only strips the `client/` prefix: our
 * precache holds client files alone.)
 */
const withListenReader: ManifestTransform = async (entries) => {
	const client = join(import.meta.dirname, '.svelte-kit/output/client');
	const built = JSON.parse(readFileSync(join(client, '.vite/manifest.json'), 'utf8')) as Record<
		string,
		{ file: string; css?: string[] }
	>;
	// Its own chunk: what it imports besides is shared code every lesson has already loaded.
	const reader = Object.entries(built).find(([source]) =>
		source.endsWith('src/lib/listen/ListenPlayer.svelte')
	)?.[1];
	if (!reader) throw new Error('vite.config.ts: the lesson reader is missing from the build');
	const manifest = entries.map((e) => ({ ...e, url: e.url.replace(/^client\//, '') }));
	for (const file of [reader.file, ...(reader.css ?? [])])
		manifest.push({ url: file, revision: null, size: statSync(join(client, file)).size });
	return { manifest };
};
const LESSON_TEXT = /[\\/]courses[\\/].+\.md$/;

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
				globPatterns: ['client/icons/*.png', 'client/favicon.svg', 'client/manifest.webmanifest'],
				manifestTransforms: [withListenReader]
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
