import { expect, test } from '@playwright/test';
import { ADMIN, login } from './helpers';
import { allLessons } from './lessons';

test.use({ viewport: { width: 1920, height: 1080 } });

test('on a 1920x1080 projector every slide of every lesson fits the screen, with practice sized for the room', async ({
	page
}) => {
	test.setTimeout(300_000);
	await login(page, ADMIN.contact, ADMIN.password);
	const stage = page.locator('.stage');
	/** What the clicker shows is all there is: nothing to scroll to, nothing under the controls. */
	async function expectFit(where: string) {
		await expect
			.poll(() => stage.evaluate((el) => el.scrollHeight - el.clientHeight), {
				message: `${where} scrolls`
			})
			.toBeLessThanOrEqual(1);
		const fit = await stage.evaluate((el) => {
			const box = el.getBoundingClientRect();
			const out = [...el.querySelectorAll<HTMLElement>('*')]
				.filter((child) => child.checkVisibility())
				.map((child) => ({ child, r: child.getBoundingClientRect() }))
				.filter(
					({ r }) =>
						r.height > 0 &&
						(r.bottom > box.bottom + 1 || r.top < box.top - 1 || r.right > box.right + 1)
				)
				.map(({ child }) => child.outerHTML.slice(0, 80));
			return { bottom: box.bottom, screen: innerHeight, out };
		});
		expect(fit.out, `${where} shows outside the screen`).toEqual([]);
		expect(fit.bottom, `${where} is under the screen's edge`).toBeLessThanOrEqual(fit.screen);
	}
	let slides = 0;
	for (const { course, lesson } of allLessons()) {
		await page.goto(`/trainer/present/${course}/${lesson}`);
		const position = page.getByText(/^1 \/ \d+$/);
		await expect(position).toBeVisible();
		// Slides are laid out once the page is live and its figures are in.
		await expect(page.locator('.present[data-ready]')).toBeAttached();
		const total = Number((await position.textContent())!.split('/')[1]);
		for (let n = 1; n <= total; n++) {
			await expect(page.getByText(`${n} / ${total}`, { exact: true })).toBeVisible();
			await expect
				.poll(() =>
					stage.evaluate((el) =>
						[...el.querySelectorAll('img')].every((img) => !img.checkVisibility() || img.complete)
					)
				)
				.toBe(true);
			const where = `${course}/${lesson} slide ${n}/${total}`;
			await expectFit(where);
			// Practice questions are answered by a room: big enough to read and hit from afar.
			for (const practice of await stage.locator('fieldset.practice:visible').all()) {
				const radio = await practice.getByRole('radio').first().boundingBox();
				const button = await practice
					.getByRole('button', { name: 'Periksa jawaban' })
					.boundingBox();
				expect(radio!.height, `${where} radio`).toBeGreaterThanOrEqual(36);
				expect(button!.height, `${where} button`).toBeGreaterThanOrEqual(72);
				// The room answers; the explanation appears and still fits.
				await practice.getByRole('radio').first().check();
				await practice.getByRole('button', { name: 'Periksa jawaban' }).click();
				await expect(practice.locator('.feedback p')).toBeVisible();
				await expectFit(`${where} after an answer`);
			}
			if (lesson === 'menghitung-hpp')
				await page.screenshot({ path: test.info().outputPath(`present-${lesson}-${n}.png`) });
			if (n < total) await page.keyboard.press('PageDown');
			slides++;
		}
	}
	expect(slides).toBeGreaterThan(40);
});
