import { expect, test, type Page } from '@playwright/test';
import { answerQuiz, expectNoAxeViolations, quiz, register, uniquePhone } from './helpers';

const QUIZ = '/courses/manajemen-usaha/quiz';

/** Every answer the key gives is on the page again. */
async function expectRightAnswers(page: Page) {
	for (const q of quiz.questions) {
		const field = `input[name="q.${q.id}"]`;
		if (q.kind === 'numeric')
			await expect(page.locator(field)).toHaveValue(Number(q.answer).toLocaleString('id-ID'));
		else
			for (const id of Array.isArray(q.answer) ? q.answer : [q.answer])
				await expect(page.locator(`${field}[value="${id}"]`)).toBeChecked();
	}
}

test('quiz answers stay on the phone when the learner leaves the quiz, and go once it is sent', async ({
	page
}) => {
	await register(page, { name: 'Bu Harti', contact: uniquePhone(), password: 'jamu gendong 2026' });
	await page.goto(QUIZ);
	await expect(page.getByRole('heading', { name: 'Kuis: Manajemen Usaha' })).toBeVisible();
	await answerQuiz(page, true);

	// Back to the lessons to check something, then to the quiz again (in the app, no reload).
	await page.getByRole('link', { name: 'Manajemen Usaha', exact: true }).first().click();
	await expect(page).toHaveURL(/\/courses\/manajemen-usaha$/);
	await page
		.getByRole('link', { name: /Menghitung harga pokok/ })
		.first()
		.click();
	await expect(page.getByRole('heading', { level: 1, name: /HPP/ })).toBeVisible();
	await page.goBack();
	await page.goBack();
	await expect(page).toHaveURL(/\/quiz$/);
	await expect(page.getByText('Jawaban yang belum dikirim dipulihkan dari HP ini.')).toBeVisible();
	await expectRightAnswers(page);
	await page.screenshot({
		path: test.info().outputPath('quiz-draft-restored.png'),
		fullPage: true
	});
	await expectNoAxeViolations(page);

	// A stray tap on the bottom bar, then the quiz opened afresh.
	await page.locator('nav.bottom-nav').getByRole('link', { name: 'Beranda' }).click();
	await expect(page).toHaveURL(/\/$/);
	await page.goto(QUIZ);
	await expectRightAnswers(page);

	await page.getByRole('button', { name: 'Kirim jawaban' }).click();
	await expect(page.getByRole('heading', { name: 'Nilai Anda: 100%' })).toBeVisible();
	// Sent: the draft is gone, the next attempt starts empty.
	await page.goto(QUIZ);
	await expect(page.getByRole('heading', { name: 'Kuis: Manajemen Usaha' })).toBeVisible();
	await expect(page.locator('form[data-draft-ready]')).toBeAttached();
	await expect(page.locator('input[name^="q."]:checked')).toHaveCount(0);
	const numeric = quiz.questions.find((q) => q.kind === 'numeric')!;
	await expect(page.locator(`input[name="q.${numeric.id}"]`)).toHaveValue('');
	expect(
		await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('quiz-draft')))
	).toEqual([]);
});
