import { isHttpError } from '@sveltejs/kit';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { authenticate, registerUser } from '$lib/server/auth/accounts';
import { consumeOneTimeCode, resetToOneTimeCode, setOwnPassword } from '$lib/server/auth/one-time';
import type { SessionUser } from '$lib/server/auth/session';
import { createCohort, join, membersOf, rotateJoinCode, setJoinOpen } from '$lib/server/cohorts';
import { db, ensureDatabase, table } from '$lib/server/db';
import { checkIn, checkinCode, minuteOf } from '$lib/server/trainer/attendance';
import { deletionBlocker } from '$lib/server/personal-data/erase';
import { importParticipants } from '$lib/server/trainer/bulk-import';
import { validateCohort } from '$lib/server/trainer/cohort-form';
import { attendanceCsv, progressCsv } from '$lib/server/trainer/exports';
import { JOIN_LIMIT, lookUpJoinCode } from '$lib/server/trainer/join';
import { decodeUpload, parseParticipantCsv } from '$lib/server/trainer/participant-csv';
import { progressGrid } from '$lib/server/trainer/progress-grid';
import { load as cohortPage } from '../../src/routes/trainer/cohorts/[id]/+page.server';
import * as handOver from '../../src/routes/trainer/cohorts/[id]/hand-over/+page.server';
import { GET as progressJson } from '../../src/routes/trainer/cohorts/[id]/progress.json/+server';
import { load as trainerHome } from '../../src/routes/trainer/+page.server';
import { load as joinPage } from '../../src/routes/join/[code]/+page.server';

const PASSWORD = 'sandi yang cukup kuat';
const people: Record<string, SessionUser> = {};
let phoneN = 0;

async function person(key: string, role: SessionUser['role']) {
	const r = await registerUser(
		{
			name: key,
			contact: `0813 5555 ${String(1000 + ++phoneN)}`,
			password: PASSWORD,
			confirm: PASSWORD
		},
		role
	);
	people[key] = { id: r.user!.id, name: key, role };
	return people[key];
}

const goodCohort = {
	name: 'Bimtek Kemasan Padangan',
	venue: 'Balai Desa Padangan',
	kecamatan: 'Padangan',
	sessionDates: ['2026-12-10', '2026-12-03', '2026-12-03'],
	courses: ['kemasan-merek', 'manajemen-usaha', 'tidak-ada']
};

async function newCohort(trainer: SessionUser, name = 'Bimtek') {
	const v = validateCohort({ ...goodCohort, name });
	if ('errors' in v) throw new Error('invalid');
	return createCohort(trainer.id, v.value);
}

/** A route event as SvelteKit passes it, enough for our loads and GET handlers. */
function event(user: SessionUser | null, params: Record<string, string>, path = '/') {
	const headers: Record<string, string> = {};
	return {
		locals: { user, session: null },
		params,
		url: new URL(`http://localhost${path}`),
		request: new Request(`http://localhost${path}`),
		getClientAddress: () => '10.0.0.9',
		setHeaders: (h: Record<string, string>) => Object.assign(headers, h),
		headers
	} as never as Parameters<typeof cohortPage>[0] & { headers: Record<string, string> };
}

async function status(promise: unknown) {
	try {
		await promise;
		return 200;
	} catch (e) {
		if (isHttpError(e)) return e.status;
		if (e && typeof e === 'object' && 'status' in e) return (e as { status: number }).status;
		throw e;
	}
}

beforeAll(async () => {
	await ensureDatabase();
	await person('trainer', 'trainer');
	await person('otherTrainer', 'trainer');
	await person('admin', 'admin');
	await person('learner', 'learner');
});

describe('creating a cohort', () => {
	it('keeps dates sorted and unique, and courses in catalogue order, dropping unknown ones', async () => {
		const cohort = await newCohort(people.trainer, 'Bimtek Kemasan');
		expect(cohort.sessionDates).toEqual(['2026-12-03', '2026-12-10']);
		expect(cohort.courses).toEqual(['manajemen-usaha', 'kemasan-merek']);
		expect(cohort.kecamatan).toBe('Padangan');
		expect(cohort.joinCode).toMatch(/^[A-Z2-9]{6}$/);
		expect(cohort.joinOpen).toBe(true);
	});

	it('names every bad field', () => {
		const result = validateCohort({
			name: '',
			venue: '',
			kecamatan: 'Surabaya',
			sessionDates: ['2026-02-30'],
			courses: []
		});
		expect(result).toEqual({
			errors: {
				name: 'name_required',
				kecamatan: 'kecamatan_invalid',
				sessionDates: 'date_invalid',
				courses: 'courses_required'
			}
		});
		expect(validateCohort({ ...goodCohort, sessionDates: [] })).toEqual({
			errors: { sessionDates: 'dates_required' }
		});
	});
});

describe('joining by code', () => {
	it('finds an open cohort by its code typed in lower case with spaces', async () => {
		const cohort = await newCohort(people.trainer, 'Bimtek Join');
		const typed = `${cohort.joinCode.slice(0, 3).toLowerCase()} ${cohort.joinCode.slice(3)}`;
		const found = await lookUpJoinCode({ getClientAddress: () => '10.0.0.1' }, typed);
		expect(found.state).toBe('open');
		await join(cohort.id, people.learner.id);
		await join(cohort.id, people.learner.id); // twice is harmless
		expect((await membersOf(cohort.id)).map((m) => m.id)).toEqual([people.learner.id]);
	});

	it('a closed code says closed; a rotated one no longer works', async () => {
		const cohort = await newCohort(people.trainer, 'Bimtek Tutup');
		const addr = { getClientAddress: () => '10.0.0.2' };
		await setJoinOpen(cohort.id, false);
		expect((await lookUpJoinCode(addr, cohort.joinCode)).state).toBe('closed');
		const rotated = await rotateJoinCode(cohort.id);
		expect(rotated.joinCode).not.toBe(cohort.joinCode);
		expect(rotated.joinOpen).toBe(true);
		expect((await lookUpJoinCode(addr, cohort.joinCode)).state).toBe('unknown');
		expect((await lookUpJoinCode(addr, rotated.joinCode)).state).toBe('open');
	});

	it('guessing codes is limited per address: the page answers 429 with Retry-After', async () => {
		const now = Date.now();
		const addr = { getClientAddress: () => '10.0.0.3' };
		for (let i = 0; i < JOIN_LIMIT.max; i++)
			expect((await lookUpJoinCode(addr, `ZZZZ${String(i).padStart(2, '2')}`, now)).state).toBe(
				'unknown'
			);
		const cohort = await newCohort(people.trainer, 'Bimtek Tebak');
		// Even the right code waits now: otherwise a guesser could tell hits from misses.
		expect((await lookUpJoinCode(addr, cohort.joinCode, now)).state).toBe('rate_limited');
		const ev = event(null, { code: 'QQQQQQ' });
		Object.assign(ev, { getClientAddress: () => '10.0.0.3' });
		expect(await status(joinPage(ev as never))).toBe(429);
		expect(Number(ev.headers['retry-after'])).toBeGreaterThan(0);
		// Another address (another hall) is not affected.
		expect(
			(await lookUpJoinCode({ getClientAddress: () => '10.0.0.4' }, cohort.joinCode)).state
		).toBe('open');
	});
});

describe('bulk import', () => {
	it('creates the good rows with business and one-time password, and nothing of the bad ones', async () => {
		const cohort = await newCohort(people.trainer, 'Bimtek Impor');
		const csv = [
			'Nama;No HP;Nama Usaha;Desa',
			'Siti Aminah;0812-7000-0001;Keripik Tempe Bu Siti;Kauman',
			'Budi;+62 812 7000 0002;;',
			'Sri;0812-7000-0001;Ledre Sri;Padangan', // same phone as row 2
			';0812-7000-0003;Tanpa Nama;', // no name
			'Ani;12345;Batik Ani;', // not a phone
			'=HYPERLINK("http://x");0812-7000-0004;Jahat;', // formula
			`Sudah Daftar;${'0813 5555 1004'};;`, // the learner's number, already registered
			'Rina;81270000005;Jamu Rina;Dander' // Excel dropped the leading 0
		].join('\r\n');
		const parsed = parseParticipantCsv(csv);
		expect(parsed.problem).toBeUndefined();
		const users = async () => (await db.select({ n: count() }).from(table.user))[0].n;
		const before = await users();
		const { created, refused } = await importParticipants(cohort, parsed.rows!);

		expect(created.map((c) => c.name)).toEqual(['Siti Aminah', 'Budi', 'Rina']);
		expect(refused.map((r) => [r.line, r.problem])).toEqual([
			[4, 'phone_duplicate_in_file'],
			[5, 'name_required'],
			[6, 'phone_invalid'],
			[7, 'formula_cell'],
			[8, 'phone_registered']
		]);
		expect(refused[0].sameAs).toBe(2);
		expect(await users()).toBe(before + 3);

		const [siti] = await db.select().from(table.user).where(eq(table.user.phone, '+6281270000001'));
		expect(siti.mustChangePassword).toBe(true);
		const [business] = await db
			.select()
			.from(table.business)
			.where(eq(table.business.ownerId, siti.id));
		expect(business).toMatchObject({
			name: 'Keripik Tempe Bu Siti',
			desa: 'Kauman',
			kecamatan: 'Padangan'
		});
		expect((await membersOf(cohort.id)).map((m) => m.name).sort()).toEqual([
			'Budi',
			'Rina',
			'Siti Aminah'
		]);
		// Budi gave no business: no half-empty profile was made.
		const budi = created.find((c) => c.name === 'Budi')!;
		expect(
			await db.select().from(table.business).where(eq(table.business.ownerId, budi.id))
		).toEqual([]);
		// The printed code signs Siti in.
		const login = await authenticate('0812-7000-0001', created[0].code, '10.1.1.1');
		expect('user' in login && login.user.id).toBe(siti.id);
	});

	it('refuses a file with wrong columns as a whole', () => {
		expect(parseParticipantCsv('name,email\nSiti,siti@example.com')).toEqual({
			problem: 'csv_columns',
			found: ['name', 'email']
		});
		expect(parseParticipantCsv('Siti;0812-7000-0001\nBudi;0812-7000-0002').problem).toBe(
			'csv_columns'
		);
		expect(parseParticipantCsv('nama;hp\n').problem).toBe('csv_empty');
	});

	it('reads commas, tabs and quoted cells', () => {
		const rows = parseParticipantCsv('hp,nama\n0812-7000-0009,"Wati, S.Pd."\n').rows!;
		expect(rows[0]).toMatchObject({ name: 'Wati, S.Pd.', phone: '0812-7000-0009', line: 2 });
		expect(parseParticipantCsv('nama\thp\nDewi\t0812').rows![0].name).toBe('Dewi');
	});

	it('detects a Windows-1252 file from Excel and decodes it', () => {
		// "Nama;HP\nRené;0812…" as Excel saves it in ANSI: é is the single byte 0xE9.
		const bytes = Uint8Array.from([
			...Buffer.from('Nama;HP\nRen', 'latin1'),
			0xe9,
			...Buffer.from(';0812-7000-0010\n', 'latin1')
		]);
		const decoded = decodeUpload(bytes);
		expect(decoded.encoding).toBe('windows-1252');
		expect(parseParticipantCsv(decoded.text).rows![0].name).toBe('René');
		expect(decodeUpload(Buffer.from('\uFEFFnama;hp\nRené;0812', 'utf8')).encoding).toBe('utf-8');
	});
});

describe('one-time passwords', () => {
	it('a reset code opens one session only; then the person sets their own password', async () => {
		const p = await person('forgetful', 'learner');
		const code = await resetToOneTimeCode(p.id);
		expect(code).toMatch(/^[a-z2-9]{8}$/);
		// The old password no longer works.
		expect(await authenticate('0813 5555 1005', PASSWORD, '10.2.2.2')).toEqual({
			error: 'login_failed'
		});
		// Typed off the card in capitals with a space: still accepted.
		const typed = `${code.slice(0, 4).toUpperCase()} ${code.slice(4)}`;
		const first = await authenticate('0813 5555 1005', typed, '10.2.2.2');
		expect('user' in first && first.user.mustChangePassword).toBe(true);
		if (!('user' in first)) throw new Error('no user');
		expect(await consumeOneTimeCode(p.id, first.user.passwordHash)).toBe(true);
		// A second sign-in with the same code fails, and so does a racing consume.
		expect(await authenticate('0813 5555 1005', code, '10.2.2.2')).toEqual({
			error: 'login_failed'
		});
		expect(await consumeOneTimeCode(p.id, first.user.passwordHash)).toBe(false);

		expect(await setOwnPassword(p.id, 'sandi baru', 'sandi baru')).toEqual({ ok: true });
		const again = await authenticate('0813 5555 1005', 'sandi baru', '10.2.2.2');
		expect('user' in again && again.user.mustChangePassword).toBe(false);
		// Once chosen, no password is set here again without the current one.
		expect(await setOwnPassword(p.id, 'sandi lain', 'sandi lain')).toEqual({
			errors: { form: 'login_failed' }
		});
		expect('user' in (await authenticate('0813 5555 1005', 'sandi baru', '10.2.2.2'))).toBe(true);
	});
});

describe('rotating check-in code', () => {
	it('is accepted this minute and the next, refused after; only for the cohort’s members', async () => {
		const cohort = await newCohort(people.trainer, 'Bimtek Absen');
		const member = await person('hadir', 'learner');
		const outsider = await person('luar', 'learner');
		await join(cohort.id, member.id);
		const t = Date.UTC(2026, 11, 3, 2, 15, 30);
		const code = checkinCode(cohort.id, '2026-12-03', minuteOf(t));
		expect(code).toMatch(/^[A-Z2-9]{6}$/);
		expect(checkinCode(cohort.id, '2026-12-03', minuteOf(t) + 1)).not.toBe(code);

		expect(await checkIn(outsider.id, code, t)).toBeNull();
		expect(await checkIn(member.id, code, t + 2 * 60_000)).toBeNull(); // two minutes on: expired
		expect(await checkIn(member.id, code.toLowerCase(), t + 60_000)).toEqual({
			cohortName: 'Bimtek Absen',
			date: '2026-12-03'
		});
		const rows = await db
			.select()
			.from(table.attendance)
			.where(eq(table.attendance.cohortId, cohort.id));
		expect(rows.map((r) => [r.userId, r.date, r.method])).toEqual([
			[member.id, '2026-12-03', 'qr']
		]);
	});
});

describe('progress grid and exports', () => {
	it('fills the grid and exports CSV that Excel with Indonesian settings opens safely', async () => {
		const cohort = await newCohort(people.trainer, 'Bimtek Ekspor; "Kemasan"');
		const tricky = await registerUser({
			name: 'Sri "Ledre"; Bojonegoro',
			contact: '0813 5555 2001',
			password: PASSWORD,
			confirm: PASSWORD
		});
		const formula = await registerUser({
			name: '=1+2',
			contact: '0813 5555 2002',
			password: PASSWORD,
			confirm: PASSWORD
		});
		await join(cohort.id, tricky.user!.id);
		await join(cohort.id, formula.user!.id);
		await db.insert(table.lessonProgress).values([
			{
				userId: tricky.user!.id,
				course: 'manajemen-usaha',
				lesson: 'pisahkan-uang-usaha',
				// 01:30 in Bojonegoro on 5 December: the day the learner lived, whatever the server's zone.
				completedAt: new Date('2026-12-04T18:30:00Z')
			},
			{
				userId: tricky.user!.id,
				course: 'manajemen-usaha',
				lesson: 'pembukuan-harian',
				completedAt: new Date('2026-12-04T10:00:00Z')
			},
			// A course outside the cohort does not count.
			{
				userId: tricky.user!.id,
				course: 'pemasaran-digital',
				lesson: 'whatsapp-business',
				completedAt: new Date()
			}
		]);
		const attempt = (userId: string, score: number, passed: boolean, at: string) => ({
			id: crypto.randomUUID(),
			userId,
			course: 'manajemen-usaha',
			score,
			passMark: 70,
			passed,
			questionCount: 10,
			submittedAt: new Date(at)
		});
		await db.insert(table.quizAttempt).values([
			attempt(tricky.user!.id, 60, false, '2026-12-04T03:00:00Z'),
			attempt(tricky.user!.id, 40, false, '2026-12-04T04:00:00Z'),
			attempt(formula.user!.id, 50, false, '2026-12-02T03:00:00Z'),
			// 23:30 on the 2nd in UTC is 06:30 on the 3rd in Bojonegoro.
			attempt(formula.user!.id, 80, true, '2026-12-02T23:30:00Z'),
			attempt(formula.user!.id, 90, true, '2026-12-05T03:00:00Z')
		]);
		await db.insert(table.attendance).values({
			cohortId: cohort.id,
			userId: formula.user!.id,
			date: '2026-12-10',
			method: 'trainer',
			checkedAt: new Date()
		});

		const grid = await progressGrid(cohort);
		// 5 + 5 lessons and two quizzes.
		expect(grid.columns).toHaveLength(12);
		const row = grid.rows.find((r) => r.id === tricky.user!.id)!;
		expect(row.cells).toBe('11000F000000');
		expect(row.done).toBe(2);
		expect(grid.columnTotals.slice(0, 3)).toEqual([1, 1, 0]);
		expect(grid.average).toBe(1.5);

		const csv = await progressCsv(cohort);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const lines = csv.slice(1).split('\r\n');
		expect(lines[0].split(';').slice(0, 4)).toEqual(['Nama', 'Nomor HP', 'Usaha', 'Desa']);
		expect(lines[0]).toContain('Kuis: Manajemen Usaha');
		// Formula neutralised; quotes doubled and the cell quoted because of ; and ".
		expect(lines[1].startsWith("'=1+2;0813-5555-2002;")).toBe(true);
		expect(lines[2].startsWith('"Sri ""Ledre""; Bojonegoro";0813-5555-2001;')).toBe(true);
		// Each lesson with the day it was finished, as people write dates.
		expect(lines[2]).toContain(';5 Des 2026;4 Des 2026;;');
		// The quiz: best score as a number, and the day it was passed.
		const header = lines[0].split(';');
		const best = header.indexOf('Kuis: Manajemen Usaha (nilai terbaik)');
		const passed = header.indexOf('Kuis: Manajemen Usaha (lulus)');
		expect(best).toBeGreaterThan(4);
		expect(passed).toBe(best + 1);
		const sri = lines[2].split(';').slice(1); // the name holds one quoted ;
		expect([sri[best], sri[passed]]).toEqual(['60', 'belum lulus']);
		const siti = lines[1].split(';');
		expect([siti[best], siti[passed]]).toEqual(['90', '3 Des 2026']);

		const att = await attendanceCsv(cohort);
		expect(att.startsWith('\uFEFF')).toBe(true);
		const attLines = att.slice(1).split('\r\n');
		expect(attLines[0]).toBe('Nama;Nomor HP;Usaha;Desa;3 Des 2026;10 Des 2026;Jumlah hadir');
		expect(attLines[1]).toBe("'=1+2;0813-5555-2002;;;;hadir;1");
	});
});

describe('who may see a cohort', () => {
	it('its trainer and admins; another trainer gets 404, a learner 403', async () => {
		const cohort = await newCohort(people.trainer, 'Bimtek Rahasia');
		const path = `/trainer/cohorts/${cohort.id}`;
		expect(await status(cohortPage(event(people.trainer, { id: cohort.id }, path)))).toBe(200);
		expect(await status(cohortPage(event(people.admin, { id: cohort.id }, path)))).toBe(200);
		expect(await status(cohortPage(event(people.otherTrainer, { id: cohort.id }, path)))).toBe(404);
		expect(
			await status(progressJson(event(people.otherTrainer, { id: cohort.id }, path) as never))
		).toBe(404);
		expect(await status(cohortPage(event(people.learner, { id: cohort.id }, path)))).toBe(403);
		expect(await status(trainerHome(event(people.learner, {}, '/trainer') as never))).toBe(403);
		// Signed out: sent to the login page.
		expect(await status(trainerHome(event(null, {}, '/trainer') as never))).toBe(303);
	});

	it('a trainer’s list holds only their own cohorts', async () => {
		const mine = (await trainerHome(event(people.otherTrainer, {}, '/trainer') as never)) as {
			cohorts: { name: string }[];
		};
		expect(mine.cohorts).toEqual([]);
	});
});

describe('handing a cohort over to another trainer', () => {
	const post = (user: SessionUser | null, id: string, trainer: string) => {
		const path = `/trainer/cohorts/${id}/hand-over`;
		return handOver.actions.default({
			...event(user, { id }, path),
			request: new Request(`http://localhost${path}`, {
				method: 'POST',
				body: new URLSearchParams({ trainer })
			})
		} as never);
	};

	it('lets only an admin give it, only to an active trainer or admin, and frees the old trainer', async () => {
		const leaving = await person('leaving', 'trainer');
		const taking = await person('taking', 'trainer');
		const cohort = await newCohort(leaving, 'Bimtek Pindah Tangan');
		const path = `/trainer/cohorts/${cohort.id}/hand-over`;
		expect(await deletionBlocker(leaving.id)).toBe('owns_cohorts');

		// Neither the trainer who holds it nor a learner may give it away.
		expect(await status(post(leaving, cohort.id, taking.id))).toBe(403);
		expect(await status(post(people.learner, cohort.id, taking.id))).toBe(403);
		expect(await status(handOver.load(event(leaving, { id: cohort.id }, path) as never))).toBe(403);

		// The admin's page lists who can take it; a learner is refused with a message.
		const page = (await handOver.load(event(people.admin, { id: cohort.id }, path) as never)) as {
			trainers: { id: string }[];
			current: string;
		};
		expect(page.current).toBe('leaving');
		expect(page.trainers.map((t) => t.id)).toContain(taking.id);
		expect(page.trainers.map((t) => t.id)).not.toContain(people.learner.id);
		expect(await post(people.admin, cohort.id, people.learner.id)).toMatchObject({
			status: 400,
			data: { error: 'trainer_invalid' }
		});

		expect(await status(post(people.admin, cohort.id, taking.id))).toBe(303);
		const [row] = await db.select().from(table.cohort).where(eq(table.cohort.id, cohort.id));
		expect(row.trainerId).toBe(taking.id);
		// The new trainer sees it, the old one no longer does and may now delete their account.
		const cohortPath = `/trainer/cohorts/${cohort.id}`;
		expect(await status(cohortPage(event(taking, { id: cohort.id }, cohortPath)))).toBe(200);
		expect(await status(cohortPage(event(leaving, { id: cohort.id }, cohortPath)))).toBe(404);
		expect(await deletionBlocker(leaving.id)).toBe(null);
	});
});
