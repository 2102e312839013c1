import { expect, test } from '@playwright/test';
import { allLessons } from './lessons';

test('no lesson is wider than a 360 px phone: wide tables scroll inside the page', async ({
	page
}) => {
	test.setTimeout(120_000);
	for (const { course, lesson } of allLessons()) {
		await page.goto(`/courses/${course}/${lesson}`);
		await expect(page.locator('.lesson-body')).toBeVisible();
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width, `${course}/${lesson}`).toBeLessThanOrEqual(360);
		// The bottom bar is whole on screen.
		const bar = await page.locator('nav.bottom-nav').boundingBox();
		expect(bar!.x + bar!.width, `${course}/${lesson}`).toBeLessThanOrEqual(360);
		// A table that does not fit can be scrolled by keyboard too.
		for (const table of await page.locator('.lesson-body table').all())
			await expect(table.locator('xpath=..')).toHaveAttribute('tabindex', '0');
	}
});
