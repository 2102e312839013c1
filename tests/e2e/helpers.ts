import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Admin created by the first-run test; the other specs log in with it. */
export const ADMIN = {
	name: 'Admin PKK Bojonegoro',
	contact: 'admin@pkk-bojonegoro.example',
	password: 'jonegoroan 2026'
};

export async function expectNoAxeViolations(page: Page) {
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
}

/** Logs in, from the login page the app led to, or from a fresh one. */
export async function login(page: Page, contact: string, password: string, fresh = true) {
	if (fresh) await page.goto('/login');
	await page.getByLabel('Nomor HP (WhatsApp) atau email').fill(contact);
	await page.getByLabel('Kata sandi').fill(password);
	await page.getByRole('button', { name: 'Masuk' }).click();
	await page.waitForLoadState('networkidle');
}

/** A phone number no other test uses, so specs can run again on the same database. */
export function uniquePhone() {
	return `0857${String(Date.now()).slice(-8)}`;
}
