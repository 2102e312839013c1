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

	// Anything the frame's scripts report as broken: blocked storage, a module refused by CORS.
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(`${message.location().url}: ${message.text()}`);
	});
	page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
	const posted: unknown[] = [];
	await page.exposeFunction('recordMessage', (data: unknown) => posted.push(data));
	await page.addInitScript(() =>
		addEventListener('message', (e) =>
			(window as unknown as { recordMessage(d: unknown): void }).recordMessage(e.data)
		)
	);

	await page.goto(WORDPRESS);
	const frame = page.frameLocator('iframe');
	await expect(frame.getByRole('heading', { level: 1 })).toHaveText(/Pembukuan harian/);
	// A long lesson: WordPress's ceiling, 1000 px, and the frame is shown.
	await expect
		.poll(() => page.locator('iframe').getAttribute('height'), { timeout: 20_000 })
		.toBe('1000');
	await expect(page.locator('iframe')).toBeVisible();
	// The frame says where progress is kept.
	await expect(frame.getByText('Progres belajar disimpan di situs Naik Kelas')).toBeVisible();

	// A practice question works in the frame: the scripts run although storage is blocked.
	const practice = frame.locator('fieldset.practice').first();
	await practice.getByRole('button', { name: 'Periksa jawaban' }).scrollIntoViewIfNeeded();
	await expect(practice.getByRole('button', { name: 'Periksa jawaban' })).toBeEnabled();
	await practice.getByLabel('Rp260.000').check();
	await practice.getByRole('button', { name: 'Periksa jawaban' }).click();
	await expect(practice.getByText('Rp200.000 + Rp150.000 − Rp90.000 = Rp260.000')).toBeVisible();

	// Messages to WordPress carry the secret and only a height or one of our links.
	expect(posted.length).toBeGreaterThan(0);
	for (const data of posted) {
		expect(Object.keys(data as object).sort()).toEqual(['message', 'secret', 'value']);
		expect(data).toMatchObject({ secret: 'Xk2Lm9' });
		expect(['height', 'link']).toContain((data as { message: string }).message);
	}

	// "Simpan progres" takes the reader to the same lesson on our site, at top level.
	await frame.getByRole('link', { name: 'Simpan progres' }).last().click();
	await page.waitForURL(`${APP}${LESSON}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Pembukuan harian/);
	expect(errors).toEqual([]);
});

test('"Buka di Naik Kelas" in the WordPress frame opens our home page at top level', async ({
	page
}) => {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto(WORDPRESS);
	const frame = page.frameLocator('iframe');
	await expect(frame.getByRole('heading', { level: 1 })).toHaveText(/Pembukuan harian/);
	await frame.getByRole('link', { name: 'Buka di Naik Kelas' }).click();
	await page.waitForURL(`${APP}/`);
	expect(errors).toEqual([]);
});
