import { expect, test, type BrowserContext } from '@playwright/test';
import { register, uniquePhone } from './helpers';

// Lesson pages are kept rendered and answered by server.js before SvelteKit
// (src/lib/server/page-cache): asked again and again, each learner must still get their own.
const LESSON = '/courses/manajemen-usaha/pisahkan-uang-usaha';
const DONE = 'Pelajaran ini sudah selesai';
const PAGE = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };

const lessonHtml = async (context: BrowserContext) =>
	(await context.request.get(LESSON, { headers: PAGE })).text();

test('a lesson page from the cache is always the learner’s own, and nobody’s after signing out', async ({
	browser,
	playwright,
	baseURL
}) => {
	const sri = await browser.newContext();
	const ani = await browser.newContext();
	const sriPage = await sri.newPage();
	await register(sriPage, {
		name: 'Sri Cache',
		contact: uniquePhone(),
		password: 'ledre pisang raja'
	});
	await register(await ani.newPage(), {
		name: 'Ani Cache',
		contact: uniquePhone(),
		password: 'ledre pisang raja'
	});
	// Both open the lesson first, so each has a page kept before Sri finishes it.
	expect(await lessonHtml(sri)).not.toContain(DONE);
	expect(await lessonHtml(ani)).not.toContain(DONE);

	await sriPage.goto(LESSON);
	await sriPage.getByRole('button', { name: 'Tandai selesai' }).click();
	await expect(sriPage.getByText(DONE)).toBeVisible();
	// The completion reaches the server by sync; from then on her page says so.
	await expect.poll(() => lessonHtml(sri)).toContain(DONE);
	for (let i = 0; i < 3; i++) {
		expect(await lessonHtml(sri)).toContain(DONE);
		expect(await lessonHtml(ani)).not.toContain(DONE);
	}

	const session = (await sri.cookies()).find((c) => c.name === 'nk-session');
	expect(session).toBeTruthy();
	await sriPage.goto('/logout');
	await sriPage.getByRole('button', { name: 'Ya, keluar' }).click();
	await expect(sriPage.getByRole('link', { name: 'Daftar' }).first()).toBeVisible();

	// Her old cookie, replayed: the guest's page, and the cookie is cleared.
	const replay = await playwright.request.newContext({ baseURL });
	const res = await replay.get(LESSON, {
		headers: { ...PAGE, cookie: `nk-session=${session!.value}` }
	});
	expect(res.status()).toBe(200);
	expect(await res.text()).not.toContain(DONE);
	expect(res.headers()['set-cookie']).toMatch(/nk-session=;/);
	await replay.dispose();
	await sri.close();
	await ani.close();
});
