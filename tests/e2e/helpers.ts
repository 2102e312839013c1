import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Where the browser tests' server listens (E2E_PORT, as in playwright.config.ts). */
export const BASE = `http://localhost:${process.env.E2E_PORT || 4173}`;

/** Admin created by the first-run test; the other specs log in with it. */
export const ADMIN = {
	name: 'Admin PKK Bojonegoro',
	contact: 'admin@pkk-bojonegoro.example',
	password: 'jonegoroan 2026'
};

/**
 * Waits until the page is live: its script has run (forms enhanced, the outbox started) and no
 * in-app navigation is under way (`<html data-live>`, set by src/routes/+layout.svelte).
 */
export async function waitForLive(page: Page) {
	await expect(page.locator('html[data-live]')).toBeAttached();
}

/** An axe scan of a whole page takes seconds, more on a busy machine: it gets its own time. */
const AXE_SCAN_MS = 30_000;

export async function expectNoAxeViolations(page: Page) {
	test.info().setTimeout(test.info().timeout + AXE_SCAN_MS);
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`)
	).toEqual([]);
}

export async function register(
	page: Page,
	user: { name: string; contact: string; password: string }
) {
	await page.goto('/register');
	await page.getByLabel('Nama lengkap').fill(user.name);
	await page.getByLabel('Nomor HP (WhatsApp) atau email').fill(user.contact);
	await page.getByLabel('Kata sandi', { exact: true }).fill(user.password);
	await page.getByLabel('Ulangi kata sandi').fill(user.password);
	await page.getByRole('button', { name: 'Daftar' }).click();
	await page.waitForURL(/\/account/);
	// The account page is where tests type next: let it become live first.
	await waitForLive(page);
}

/** Logs in, from the login page the app led to, or from a fresh one. */
export async function login(
	page: Page,
	contact: string,
	password: string,
	fresh = true,
	{ javaScript = true } = {}
) {
	if (fresh) await page.goto('/login');
	await page.getByLabel('Nomor HP (WhatsApp) atau email').fill(contact);
	await page.getByLabel('Kata sandi').fill(password);
	// Wait for the answer to the form itself, then for the page it leads to (or, refused, for
	// the login page to show why): the next page must not be asked for before the session exists.
	const answered = page.waitForResponse(
		(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'
	);
	await page.getByRole('button', { name: 'Masuk' }).click();
	const answer = await answered;
	const body = answer.status() === 200 ? await answer.json().catch(() => null) : null;
	const to = answer.headers()['location'] ?? (body?.type === 'redirect' ? body.location : null);
	if (to) await page.waitForURL((url) => url.pathname !== '/login');
	if (javaScript) await waitForLive(page);
}

/** A phone number no other test uses, so specs can run again on the same database. */
export function uniquePhone() {
	return `0857${String(Date.now()).slice(-8)}`;
}

type QuizQuestion = {
	id: string;
	kind: string;
	answer: unknown;
	options?: { id: string }[];
	explanation: string;
};

/** A course's quiz with its key, read from the course folder as the server reads it. */
export const quizOf = (folder: string) =>
	parse(readFileSync(`courses/${folder}/quiz.yaml`, 'utf8')) as { questions: QuizQuestion[] };

/** The Manajemen Usaha quiz with its key. */
export const quiz = quizOf('01-manajemen-usaha');

/** Answers every question on the open quiz page: right from the key, or wrong on purpose. */
export async function answerQuiz(page: Page, right = true, of = quiz) {
	for (const q of of.questions) {
		const field = `input[name="q.${q.id}"]`;
		if (q.kind === 'numeric') {
			const value = right ? Number(q.answer) : Number(q.answer) + 99999;
			await page.locator(field).fill(value.toLocaleString('id-ID'));
		} else if (q.kind === 'truefalse') {
			await page.locator(`${field}[value="${right ? q.answer : !q.answer}"]`).check();
		} else {
			const key = Array.isArray(q.answer) ? q.answer : [q.answer];
			const pick = right ? key : [q.options!.find((o) => !key.includes(o.id))!.id];
			for (const id of pick) await page.locator(`${field}[value="${id}"]`).check();
		}
	}
}
