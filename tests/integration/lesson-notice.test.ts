import type { RequestEvent } from '@sveltejs/kit';
import { isActionFailure, isHttpError } from '@sveltejs/kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import type { SessionUser } from '$lib/server/auth/session';
import { db, ensureDatabase, table } from '$lib/server/db';
import { REFRESH_MS, forgetNotices, noticeFor } from '$lib/server/notices/store';
import { clearPageCache, handlePageCache, serveFromPageCache } from '$lib/server/page-cache';
import * as adminLesson from '../../src/routes/admin/lessons/[course]/[lesson]/+page.server';
import * as lessonPage from '../../src/routes/courses/[course]/[lesson]/+page.server';

// An admin's dated "Pembaruan" on a lesson: shown at once to every learner, through the lesson
// page cache (its key follows the notice), and only an admin may put one up or take it down.

const COURSE = 'legalitas-naik-kelas';
const LESSON = 'sertifikat-halal';
const PATH = `/courses/${COURSE}/${LESSON}`;
const ORIGIN = 'http://localhost';
const BROWSER = { accept: 'text/html', 'accept-encoding': 'br' };

let admin: SessionUser;
let learner: SessionUser;
async function makeUser(name: string, contact: string, role: SessionUser['role']) {
	const r = await registerUser(
		{ name, contact, password: 'ledre pisang raja', confirm: 'ledre pisang raja' },
		role
	);
	return { id: r.user!.id, name, role } as SessionUser;
}

beforeAll(async () => {
	await ensureDatabase();
	admin = await makeUser('Bu Admin', '0813 7777 0001', 'admin');
	learner = await makeUser('Bu Sri', '0813 7777 0002', 'learner');
});
beforeEach(async () => {
	await db.delete(table.lessonNotice);
	forgetNotices();
	clearPageCache();
});
afterEach(() => vi.restoreAllMocks());

function actionEvent(user: SessionUser | null, fields: Record<string, string>, course = COURSE) {
	const url = new URL(`${ORIGIN}/admin/lessons/${course}/${LESSON}`);
	return {
		request: new Request(url, {
			method: 'POST',
			body: new URLSearchParams(fields).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		}),
		url,
		params: { course, lesson: LESSON },
		locals: { user, session: user ? { id: 'x', userId: user.id, expiresAt: new Date() } : null }
	} as never;
}

/** The lesson page as a guest gets it: rendered by the real load (its notice), or from the cache. */
let renders = 0;
async function guestPage() {
	const url = new URL(PATH, ORIGIN);
	const event = {
		request: new Request(url, { headers: BROWSER }),
		url,
		route: { id: '/courses/[course]/[lesson]' },
		params: { course: COURSE, lesson: LESSON },
		locals: { user: null, session: null },
		// A guest: no session cookie.
		cookies: { get: () => undefined }
	} as unknown as RequestEvent;
	const resolve = async () => {
		renders++;
		const data = (await lessonPage.load({
			params: { course: COURSE, lesson: LESSON },
			locals: { user: null }
		} as never)) as { notice: { text: string; day: string } | null };
		const body = data.notice
			? `Pembaruan ${data.notice.day}: ${data.notice.text}`
			: 'tanpa pembaruan';
		return new Response(`<!doctype html><p>${body}</p>`, {
			headers: { 'content-type': 'text/html', etag: `"r${renders}"` }
		});
	};
	const response = await handlePageCache({ event, resolve });
	return brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString();
}

/** What server.js's fast lane sends a guest, or null when it leaves the request to SvelteKit. */
async function fastLanePage() {
	let body: Buffer | undefined;
	const res = {
		writeHead() {
			return this;
		},
		end(b?: Uint8Array) {
			body = b ? Buffer.from(b) : undefined;
			return this;
		}
	} as unknown as ServerResponse;
	const req = { method: 'GET', url: PATH, headers: BROWSER } as unknown as IncomingMessage;
	const served = await serveFromPageCache(req, res, ORIGIN);
	return served && body ? brotliDecompressSync(body).toString() : null;
}

async function statusOf(run: () => unknown) {
	try {
		const result = await run();
		return isActionFailure(result) ? result.status : 200;
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

describe('a Pembaruan notice on a lesson', () => {
	it('shows on the cached lesson page as soon as an admin puts it up, edits it or takes it down', async () => {
		expect(await guestPage()).toContain('tanpa pembaruan');
		expect(await fastLanePage()).toContain('tanpa pembaruan');

		const text = 'BPJPH mengumumkan tata cara baru pendaftaran self-declare.';
		await adminLesson.actions.save(actionEvent(admin, { text, day: '2026-12-10' }));
		expect(await fastLanePage(), 'the old page is no longer sent').toBeNull();
		expect(await guestPage()).toContain(`Pembaruan 2026-12-10: ${text}`);
		expect(await fastLanePage()).toContain(text);

		await adminLesson.actions.save(actionEvent(admin, { text: 'Diganti.', day: '2026-12-11' }));
		expect(await guestPage()).toContain('Pembaruan 2026-12-11: Diganti.');

		await adminLesson.actions.remove(actionEvent(admin, {}));
		expect(await guestPage()).toContain('tanpa pembaruan');
		expect(await fastLanePage()).toContain('tanpa pembaruan');
	});

	it('reaches another server process within its refresh time', async () => {
		expect(await guestPage()).toContain('tanpa pembaruan');
		// Another instance on the same database puts a notice up: this one reads it again later.
		await db.insert(table.lessonNotice).values({
			course: COURSE,
			lesson: LESSON,
			text: 'Dari server lain.',
			day: '2026-12-12',
			updatedAt: new Date()
		});
		expect(await guestPage()).toContain('tanpa pembaruan');
		const now = Date.now();
		vi.spyOn(Date, 'now').mockReturnValue(now + REFRESH_MS + 1);
		expect(await guestPage()).toContain('Pembaruan 2026-12-12: Dari server lain.');
	});

	it('only an admin may put one up or take it down', async () => {
		const form = { text: 'Bukan admin.', day: '2026-12-10' };
		expect(await statusOf(() => adminLesson.actions.save(actionEvent(learner, form)))).toBe(403);
		expect(await statusOf(() => adminLesson.actions.remove(actionEvent(learner, {})))).toBe(403);
		await expect(adminLesson.actions.save(actionEvent(null, form))).rejects.toMatchObject({
			status: 303
		});
		expect(await db.select().from(table.lessonNotice)).toEqual([]);
	});

	it('refuses an empty or overlong text and a day that does not exist, saying which, and keeps nothing', async () => {
		const cases: [Record<string, string>, Record<string, string>][] = [
			[{ text: '   ', day: '2026-12-10' }, { text: 'empty' }],
			[{ text: 'x'.repeat(601), day: '2026-12-10' }, { text: 'long' }],
			[{ text: 'Isi.', day: '2026-02-30' }, { day: 'day' }],
			[
				{ text: '\u0000\u0001', day: '' },
				{ text: 'empty', day: 'day' }
			]
		];
		for (const [form, errors] of cases) {
			const result = await adminLesson.actions.save(actionEvent(admin, form));
			expect(isActionFailure(result) && result.status).toBe(400);
			expect((result as { data: { errors: unknown } }).data.errors).toEqual(errors);
		}
		expect(await db.select().from(table.lessonNotice)).toEqual([]);
		expect(await noticeFor(COURSE, LESSON)).toBeNull();
	});

	it('answers 404 for a lesson that does not exist', async () => {
		const form = { text: 'Isi.', day: '2026-12-10' };
		expect(
			await statusOf(() => adminLesson.actions.save(actionEvent(admin, form, 'tidak-ada')))
		).toBe(404);
	});

	it('keeps the text as typed and lets the page escape it', async () => {
		const text = '<script>alert(1)</script> & "kutip"';
		await adminLesson.actions.save(actionEvent(admin, { text, day: '2026-12-10' }));
		expect(await noticeFor(COURSE, LESSON)).toEqual({ text, day: '2026-12-10' });
	});
});
