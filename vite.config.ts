import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
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
				globPatterns: ['client/icons/*.png', 'client/favicon.svg', 'client/manifest.webmanifest']
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
