import { eq } from 'drizzle-orm';
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import { createCohort, join as joinCohort } from '$lib/server/cohorts';
import { db, ensureDatabase, table } from '$lib/server/db';
import { openDatabase } from '$lib/server/db/client';
import { openedFromPartnerPage } from '$lib/server/partners/attribution';
import { createPartner, partnersWithCounts } from '$lib/server/partners/registry';
import { checkIn, checkinCode, minuteOf, sessionDayOf } from '$lib/server/trainer/attendance';
import { load as embedLayout } from '../../src/routes/embed/+layout.server';
import { POST as sync } from '../../src/routes/api/sync/+server';

// Issue 16 item 12 (server parts): the database file's permissions, check-in codes bound to
// their session day, and partner statistics that count only real frames on the partner's page.

beforeAll(ensureDatabase);

describe('the database file', () => {
	const mode = (f: string) => statSync(f).mode & 0o777;

	it('is created readable by the server’s user only, with its WAL files', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'naik-kelas-mode-'));
		const file = join(dir, 'data', 'naik-kelas.db');
		const { client } = openDatabase(`file:${file}`);
		await client.execute('PRAGMA journal_mode = WAL');
		await client.execute('CREATE TABLE t (x)');
		await client.execute('INSERT INTO t VALUES (1)');
		expect(mode(file).toString(8)).toBe('600');
		expect(mode(`${file}-wal`).toString(8)).toBe('600');
		expect(mode(`${file}-shm`).toString(8)).toBe('600');
		client.close();
	});

	it('an older install’s world-readable file is tightened at start', () => {
		const dir = mkdtempSync(join(tmpdir(), 'naik-kelas-mode-'));
		const file = join(dir, 'old.db');
		writeFileSync(file, '');
		chmodSync(file, 0o644);
		openDatabase(`file:${file}`).client.close();
		expect(mode(file).toString(8)).toBe('600');
	});
});

describe('check-in codes', () => {
	it('work only on the session day they were made for', async () => {
		const trainer = await registerUser(
			{
				name: 'Pelatih',
				contact: '0812 9200 0001',
				password: 'ledre pisang 7',
				confirm: 'ledre pisang 7'
			},
			'trainer'
		);
		const learner = await registerUser({
			name: 'Peserta',
			contact: '0812 9200 0002',
			password: 'ledre pisang 7',
			confirm: 'ledre pisang 7'
		});
		const cohort = await createCohort(trainer.user!.id, {
			name: 'Bimtek Sugihwaras',
			venue: '',
			kecamatan: 'Sugihwaras',
			sessionDates: ['2026-12-03', '2026-12-10'],
			courses: []
		});
		await joinCohort(cohort.id, learner.user!.id);
		// 3 December, 09:15 in Bojonegoro (02:15 UTC).
		const t = Date.UTC(2026, 11, 3, 2, 15, 30);
		expect(sessionDayOf(t)).toBe('2026-12-03');
		// A trainer projects next week's code today (or a photo of last week's is kept): nobody
		// is marked present for a day they were not there.
		const nextWeek = checkinCode(cohort.id, '2026-12-10', minuteOf(t));
		expect(await checkIn(learner.user!.id, nextWeek, t)).toBeNull();
		// Today's code works today; in WIB, 23:30 UTC on the 9th is already the 10th.
		const today = checkinCode(cohort.id, '2026-12-03', minuteOf(t));
		expect(await checkIn(learner.user!.id, today, t)).toMatchObject({ date: '2026-12-03' });
		const late = Date.UTC(2026, 11, 9, 23, 30);
		expect(sessionDayOf(late)).toBe('2026-12-10');
		const onTheDay = checkinCode(cohort.id, '2026-12-10', minuteOf(late));
		expect(await checkIn(learner.user!.id, onTheDay, late)).toMatchObject({ date: '2026-12-10' });
		const rows = await db
			.select({ date: table.attendance.date })
			.from(table.attendance)
			.where(eq(table.attendance.cohortId, cohort.id));
		expect(rows.map((r) => r.date).sort()).toEqual(['2026-12-03', '2026-12-10']);
	});
});

describe('partner statistics', () => {
	const DESA = 'https://desa-contoh.id';
	const APP = 'http://localhost:3000';
	let partnerId = '';
	beforeAll(async () => {
		partnerId = await createPartner({ name: 'Desa Contoh', contact: '', origins: [DESA] });
	});

	const context = () => ({ partnerId, origin: DESA });
	const headers = (h: Record<string, string>) => new Headers(h);

	it('credit a frame on the partner’s page, and its own navigations, only', () => {
		const framed = { 'sec-fetch-dest': 'iframe', 'sec-fetch-site': 'cross-site' };
		expect(openedFromPartnerPage(headers({ ...framed, referer: `${DESA}/` }), APP, context())).toBe(
			true
		);
		// The partner's page sends no referrer: frame-ancestors leaves only its site.
		expect(openedFromPartnerPage(headers(framed), APP, context())).toBe(true);
		// A link followed inside that frame, and SvelteKit loading the next page's data.
		const inside = `${APP}/embed/courses/manajemen-usaha?partner=${partnerId}&origin=${DESA}`;
		expect(
			openedFromPartnerPage(
				headers({ 'sec-fetch-dest': 'iframe', 'sec-fetch-site': 'same-origin', referer: inside }),
				APP,
				context()
			)
		).toBe(true);
		expect(
			openedFromPartnerPage(
				headers({ 'sec-fetch-dest': 'empty', 'sec-fetch-site': 'same-origin', referer: inside }),
				APP,
				context()
			)
		).toBe(true);

		// Opened at top level (a shared link, a script), the admin's preview, another site.
		expect(openedFromPartnerPage(headers({ 'sec-fetch-dest': 'document' }), APP, context())).toBe(
			false
		);
		expect(
			openedFromPartnerPage(
				headers({
					'sec-fetch-dest': 'iframe',
					'sec-fetch-site': 'same-origin',
					referer: `${APP}/admin/partners/${partnerId}`
				}),
				APP,
				context()
			)
		).toBe(false);
		expect(
			openedFromPartnerPage(
				headers({ ...framed, referer: 'https://evil.example/' }),
				APP,
				context()
			)
		).toBe(false);
	});

	async function visit(h: Record<string, string>) {
		const url = new URL(`${APP}/embed/courses/manajemen-usaha?partner=${partnerId}&origin=${DESA}`);
		const data = (await embedLayout({
			url,
			request: new Request(url, { headers: h }),
			setHeaders: () => {},
			cookies: { get: () => undefined, set: () => {}, delete: () => {} }
		} as never)) as { embed: { token: string } | null };
		const request = new Request(`${APP}/api/sync`, {
			method: 'POST',
			headers: { 'x-naik-kelas-embed': data.embed!.token },
			body: JSON.stringify({
				deviceId: crypto.randomUUID(),
				events: [
					{
						id: crypto.randomUUID(),
						kind: 'lesson_completed',
						course: 'manajemen-usaha',
						lesson: 'pisahkan-uang-usaha',
						at: new Date().toISOString()
					}
				]
			})
		});
		const response = await sync({
			request,
			url: new URL(request.url),
			locals: { user: null, session: null },
			getClientAddress: () => '10.40.0.1'
		} as never);
		expect(response.status).toBe(200);
	}

	it('count only devices that opened the frame from the partner’s page', async () => {
		await visit({
			'sec-fetch-dest': 'iframe',
			'sec-fetch-site': 'cross-site',
			referer: `${DESA}/`
		});
		// Ten devices that opened the embed address at top level, and the admin's preview.
		for (let i = 0; i < 10; i++)
			await visit({ 'sec-fetch-dest': 'document', 'sec-fetch-site': 'none' });
		await visit({
			'sec-fetch-dest': 'iframe',
			'sec-fetch-site': 'same-origin',
			referer: `${APP}/admin/partners/${partnerId}`
		});
		const counts = (await partnersWithCounts()).find((p) => p.id === partnerId)!;
		expect({ learners: counts.learners, completions: counts.completions }).toEqual({
			learners: 1,
			completions: 1
		});
	});
});
