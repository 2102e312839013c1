import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { login, ADMIN } from './helpers';

// A WordPress post with a pasted course link, as WordPress renders it after filtering the
// oEmbed answer: a sandboxed frame with a secret, hidden until it reports its height.
const PORT = Number(process.env.E2E_PORT || 4173);
const APP = `http://127.0.0.1:${PORT}`;
const WORDPRESS = `http://localhost:${PORT + 3}`;
const LESSON = '/courses/manajemen-usaha/pembukuan-harian';
let server: Server;

// WordPress's wp-embed listener, reduced to what it does with our messages.
const wordpressPage = (src: string) => `<!doctype html><html lang="id"><head><meta charset="utf-8">
<title>Berita Desa</title></head><body><h1>Belajar pembukuan</h1>
<iframe sandbox="allow-scripts" security="restricted" src="${src}#?secret=Xk2Lm9" data-secret="Xk2Lm9"
 width="600" height="800" title="Pelajaran" style="position:absolute;visibility:hidden"></iframe>
<script>
addEventListener('message', function (e) {
	var d = e.data;
	if (!d || !d.secret || !d.message) return;
	var f = document.querySelector('iframe[data-secret="' + d.secret + '"]');
	if (!f || f.contentWindow !== e.source) return;
	f.style.position = 'static';
	f.style.visibility = 'visible';
	if (d.message === 'height') f.height = Math.min(Math.max(parseInt(d.value, 10), 200), 1000);
	if (d.message === 'link' && new URL(d.value).host === new URL(f.src).host) top.location.href = d.value;
});
</script></body></html>`;

test.beforeAll(async ({ browser }) => {
	let src = '';
	server = createServer((_, res) => {
		res.setHeader('content-type', 'text/html; charset=utf-8');
		res.end(wordpressPage(src));
	});
	await new Promise<void>((resolve) => server.listen(PORT + 3, 'localhost', resolve));
	// The WordPress site is a registered partner; its oEmbed answer names the frame's address.
	const page = await browser.newPage();
	await login(page, ADMIN.contact, ADMIN.password);
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
	await page.goto('/admin/partners');
	await page.getByLabel('Nama mitra').fill('Desa WordPress');
	await page.getByLabel('Alamat situs yang diizinkan').fill(WORDPRESS);
	await page.getByRole('button', { name: 'Simpan mitra' }).click();
	await page.waitForURL(/\/admin\/partners\/[0-9a-f]{8}$/);
	const answer = await page.request.get(
		`${APP}/oembed?url=${encodeURIComponent(APP + LESSON)}&maxheight=900`
	);
	const oembed = await answer.json();
	expect(oembed).toMatchObject({ type: 'rich', height: 800, provider_name: 'Naik Kelas' });
	src = /<iframe[^>]* src="([^"]+)"/.exec(oembed.html)![1];
	await page.close();
});

test.afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

test('a lesson pasted into WordPress shows in its sandboxed frame, sized through wp-embed, and links open our site', async ({
	page
}) => {
	// The lesson page advertises its oEmbed answer.
	const html = await (await page.request.get(`${APP}${LESSON}`)).text();
	expect(html).toContain('type="application/json+oembed"');
	expect(html).toContain('type="text/xml+oembed"');

	await page.goto(WORDPRESS);
	const frame = page.frameLocator('iframe');
	await expect(frame.getByRole('heading', { level: 1 })).toHaveText(/Pembukuan harian/);
	// A long lesson: WordPress's ceiling, 1000 px, and the frame is shown.
	await expect
		.poll(() => page.locator('iframe').getAttribute('height'), { timeout: 20_000 })
		.toBe('1000');
	await expect(page.locator('iframe')).toBeVisible();

	// "Buka di Naik Kelas" takes the reader to our site at top level.
	await frame.getByRole('link', { name: 'Buka di Naik Kelas' }).click();
	await page.waitForURL(`${APP}/`);
});
