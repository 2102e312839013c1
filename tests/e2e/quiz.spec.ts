import { expect, test } from '@playwright/test';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TEST_BUILD_DIR } from '../../scripts/ops/test-build.js';
import {
	answerQuiz,
	expectNoAxeViolations,
	login,
	quiz,
	register,
	uniquePhone,
	BASE
} from './helpers';

const QUIZ = '/courses/manajemen-usaha/quiz';

test('a learner fails the quiz, retries, passes, and sees the best score on the course page', async ({
	page
}) => {
	await register(page, {
		name: 'Bu Yati',
		contact: uniquePhone(),
		password: 'keripik tempe kapas'
	});
	await page.goto(QUIZ);
	await expect(page.getByRole('heading', { name: 'Kuis: Manajemen Usaha' })).toBeVisible();
	await expectNoAxeViolations(page);

	// Submitting with nothing answered names what is missing and stores nothing.
	await page.getByRole('button', { name: 'Kirim jawaban' }).click();
	await expect(page.getByRole('alert')).toContainText(
		`${quiz.questions.length} pertanyaan perlu dijawab`
	);
	await expect(page.getByText('Pertanyaan ini belum dijawab.').first()).toBeVisible();

	await answerQuiz(page, false);
	await page.getByRole('button', { name: 'Kirim jawaban' }).click();
	await expect(page.getByRole('heading', { name: 'Nilai Anda: 0%' })).toBeVisible();
	await expect(page.getByText(/^Belum lulus\. Nilai lulus 70%/)).toBeVisible();
	// Feedback for each question, with its explanation, only after submitting.
	await expect(page.getByText(quiz.questions[0].explanation)).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Coba lagi' }).click();
	await expect(page.getByText('Nilai terbaik Anda: 0% (belum lulus)')).toBeVisible();
	await answerQuiz(page, true);
	await page.getByRole('button', { name: 'Kirim jawaban' }).click();
	await expect(page.getByRole('heading', { name: 'Nilai Anda: 100%' })).toBeVisible();
	await expect(page.getByText('Selamat, Anda lulus! Nilai lulus 70%.')).toBeVisible();

	await page.goto('/courses/manajemen-usaha');
	await expect(page.getByText('Nilai terbaik Anda: 100% (lulus)')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Ikuti kuis lagi' })).toBeVisible();
});

test('a guest’s answers survive the login the submission asks for', async ({ page }) => {
	const user = { name: 'Pak Slamet', contact: uniquePhone(), password: 'kayu jati kasiman' };
	await register(page, user);
	await page.goto('/logout');
	await page.getByRole('button', { name: 'Ya, keluar' }).click();

	await page.goto(QUIZ);
	await expect(page.getByText('Anda belum masuk. Anda tetap bisa menjawab.')).toBeVisible();
	await answerQuiz(page, true);
	await page.getByRole('button', { name: 'Kirim jawaban' }).click();
	await expect(page).toHaveURL(/\/login\?next=%2Fcourses%2Fmanajemen-usaha%2Fquiz/);
	await login(page, user.contact, user.password, false);
	await expect(page).toHaveURL(/\/courses\/manajemen-usaha\/quiz$/);
	await expect(page.getByText('Jawaban Anda masih ada.')).toBeVisible();
	const numeric = quiz.questions.find((q) => q.kind === 'numeric')!;
	await expect(page.locator(`input[name="q.${numeric.id}"]`)).toHaveValue(
		Number(numeric.answer).toLocaleString('id-ID')
	);
	await page.getByRole('button', { name: 'Kirim jawaban' }).click();
	await expect(page.getByRole('heading', { name: 'Nilai Anda: 100%' })).toBeVisible();
});

test('hostile quiz submissions get a clear 400 and store nothing', async ({ page }) => {
	await register(page, { name: 'Penguji', contact: uniquePhone(), password: 'uji kuis 2026 aman' });
	const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
	// A browser's plain form post (no JavaScript): the page comes back with the status.
	const post = (fields: [string, string][], path = QUIZ) =>
		fetch(`${BASE}${path}`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				cookie,
				origin: BASE,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams(fields).toString()
		});
	const valid: [string, string][] = quiz.questions.flatMap((q): [string, string][] =>
		(Array.isArray(q.answer) ? q.answer : [String(q.answer)]).map((a) => [`q.${q.id}`, String(a)])
	);
	const cases: [[string, string][], string][] = [
		[valid.filter(([k]) => k !== valid[0][0]), 'Pertanyaan ini belum dijawab.'],
		[[...valid, ['q.tidak-ada', 'a']], 'tidak cocok dengan kuis ini'],
		[[...valid, valid[0]], 'tidak cocok dengan kuis ini'],
		[
			valid.map(([k, v]): [string, string] => [k, k === valid[0][0] ? 'zz' : v]),
			quiz.questions[0].kind === 'truefalse' ? 'Pilih Benar atau Salah.' : 'Pilihan ini tidak ada.'
		]
	];
	for (const [fields, message] of cases) {
		const response = await post(fields);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(message);
	}
	const missing = await post(valid, '/courses/tidak-ada/quiz');
	expect(missing.status).toBe(404);
	// none of them was stored
	await page.goto('/courses/manajemen-usaha');
	await expect(page.getByText('Belum dicoba.')).toBeVisible();
});

test('answer keys never reach the browser', async ({ page }) => {
	const explanations = [
		'01-manajemen-usaha',
		'02-pemasaran-digital',
		'03-kemasan-merek',
		'04-legalitas-naik-kelas'
	].flatMap((folder) =>
		(parse(readFileSync(`courses/${folder}/quiz.yaml`, 'utf8')) as typeof quiz).questions.map(
			(q) => q.explanation
		)
	);
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else files.push(path);
		}
	};
	walk(join(TEST_BUILD_DIR, 'client'));
	const client = files.map((f) => readFileSync(f, 'utf8')).join('\n');
	for (const e of explanations) expect(client).not.toContain(e);
	expect(client).not.toContain('quiz.yaml');

	const html = await (await page.request.get(QUIZ)).text();
	const data = await (await page.request.get(`${QUIZ}/__data.json`)).text();
	for (const e of explanations) {
		expect(html).not.toContain(e);
		expect(data).not.toContain(e);
	}
	expect(data).not.toMatch(/"answer"/);
});
