import { beforeAll, describe, expect, it } from 'vitest';
import { activeLearners } from '$lib/server/admin/active-learners';
import { badgesByMonth } from '$lib/server/admin/badges-by-month';
import { completionByCourse } from '$lib/server/admin/completion';
import { NO_FILTER, type DashboardFilter } from '$lib/server/admin/scope';
import { businessesByTier } from '$lib/server/admin/tiers-by-kecamatan';
import { db, ensureDatabase, table } from '$lib/server/db';
import type { Role } from '$lib/server/db/schema';
import { GET as csv } from '../../src/routes/admin/dashboard.csv/+server';
import { dayOf } from '$lib/time';
import { load } from '../../src/routes/admin/+page.server';

// A fixed "now" in Bojonegoro: 15 December 2026, noon WIB.
const NOW = new Date('2026-12-15T05:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const COURSE = 'manajemen-usaha';

const id: Record<string, string> = {};
const cohortA = crypto.randomUUID();

async function person(key: string, role: Role = 'learner', kecamatan?: string) {
	id[key] = crypto.randomUUID();
	await db.insert(table.user).values({ id: id[key], name: key, passwordHash: 'x', role });
	if (kecamatan)
		await db.insert(table.business).values({
			id: `biz-${key}`,
			ownerId: id[key],
			name: `Usaha ${key}`,
			kecamatan,
			updatedAt: NOW
		});
}

let badgeCount = 0;
async function badge(
	key: string,
	kind: 'course' | 'tier',
	achievement: string,
	awardedAt: Date,
	revoked = false
) {
	await db.insert(table.badge).values({
		id: `badge-${++badgeCount}`,
		kind,
		achievement,
		holderKey: kind === 'tier' ? `business:biz-${key}` : `user:${id[key]}`,
		userId: id[key],
		businessId: kind === 'tier' ? `biz-${key}` : null,
		name: achievement,
		holderName: key,
		awardedAt,
		credential: '{}',
		revokedAt: revoked ? awardedAt : null
	});
}

beforeAll(async () => {
	await ensureDatabase();
	// Kapas: Ani holds tiers 1 and 2; Budi holds only tier 2 (no unbroken run: not tiered).
	// Dander: Citra holds tier 1; Dewi's tier 1 badge was revoked.
	await person('ani', 'learner', 'Kapas');
	await person('budi', 'learner', 'Kapas');
	await person('citra', 'learner', 'Dander');
	await person('dewi', 'learner', 'Dander');
	await person('eko'); // a learner with no business profile yet
	await person('tono', 'trainer');
	await badge('ani', 'tier', 'rintisan', new Date('2026-11-30T18:00:00Z')); // 1 Dec, 01:00 WIB
	await badge('ani', 'tier', 'siap-komersial', ago(3));
	await badge('budi', 'tier', 'siap-komersial', ago(3));
	await badge('citra', 'tier', 'rintisan', new Date('2026-10-10T00:00:00Z'));
	await badge('dewi', 'tier', 'rintisan', ago(20), true);
	await badge('ani', 'course', COURSE, new Date('2026-11-30T16:00:00Z')); // 30 Nov, 23:00 WIB
	await badge('citra', 'course', 'pemasaran-digital', new Date('2025-10-01T00:00:00Z')); // too old
	await badge('tono', 'course', COURSE, ago(2)); // a trainer's badge counts per month, not in completion

	// Activity: Ani opened a lesson 5 days ago; Budi last finished a lesson 40 days ago; Citra
	// took a quiz 10 days ago; Eko practised yesterday; Dewi never did anything. Tono is a trainer.
	const event = (key: string, at: Date) => ({
		id: crypto.randomUUID(),
		deviceId: 'device',
		userId: id[key],
		kind: 'lesson_opened' as const,
		course: COURSE,
		lesson: 'pembukuan-harian',
		occurredAt: at,
		receivedAt: at
	});
	await db
		.insert(table.progressEvent)
		.values([event('ani', ago(5)), event('eko', ago(1)), event('tono', ago(1))]);
	await db.insert(table.lessonProgress).values([
		{ userId: id.ani, course: COURSE, lesson: 'pisahkan-uang-usaha', completedAt: ago(50) },
		{ userId: id.budi, course: COURSE, lesson: 'pisahkan-uang-usaha', completedAt: ago(40) },
		{ userId: id.tono, course: COURSE, lesson: 'pisahkan-uang-usaha', completedAt: ago(1) }
	]);
	await db.insert(table.quizAttempt).values({
		id: crypto.randomUUID(),
		userId: id.citra,
		course: COURSE,
		score: 40,
		passMark: 70,
		passed: false,
		questionCount: 8,
		submittedAt: ago(10)
	});

	// One cohort with Ani and Citra.
	await db
		.insert(table.cohort)
		.values({ id: cohortA, name: 'Bimtek Kapas–Dander', trainerId: id.tono, joinCode: 'KPSDND' });
	await db.insert(table.cohortMember).values([
		{ cohortId: cohortA, userId: id.ani },
		{ cohortId: cohortA, userId: id.citra }
	]);
});

const kapas: DashboardFilter = { kecamatan: 'Kapas', cohortId: null };
const cohort = (): DashboardFilter => ({ kecamatan: null, cohortId: cohortA });

describe('businesses per tier and kecamatan', () => {
	it('counts each business at the last tier of its unbroken run of live tier badges', async () => {
		const result = await businessesByTier(NO_FILTER);
		expect(result.levels.map((l) => l.id)).toEqual([
			'none',
			'rintisan',
			'siap-komersial',
			'siap-pasar-modern'
		]);
		expect(result.kecamatan).toEqual([
			{ name: 'Dander', counts: [1, 1, 0, 0], total: 2 },
			{ name: 'Kapas', counts: [1, 0, 1, 0], total: 2 }
		]);
		expect(result.totals).toEqual([2, 1, 1, 0]);
		expect(result.total).toBe(4);
	});

	it('narrows to one kecamatan, and to a cohort’s members', async () => {
		expect((await businessesByTier(kapas)).kecamatan).toEqual([
			{ name: 'Kapas', counts: [1, 0, 1, 0], total: 2 }
		]);
		expect((await businessesByTier(cohort())).kecamatan).toEqual([
			{ name: 'Dander', counts: [0, 1, 0, 0], total: 1 },
			{ name: 'Kapas', counts: [0, 0, 1, 0], total: 1 }
		]);
		expect((await businessesByTier({ kecamatan: 'Dander', cohortId: cohortA })).kecamatan).toEqual([
			{ name: 'Dander', counts: [0, 1, 0, 0], total: 1 }
		]);
	});
});

describe('badges per month', () => {
	it('counts live badges per month in WIB over the last twelve months', async () => {
		const months = await badgesByMonth(NO_FILTER, NOW);
		expect(months).toHaveLength(12);
		expect(months[0].month).toBe('2026-01');
		expect(months.at(-1)).toEqual({ month: '2026-12', course: 1, tier: 3, total: 4 });
		// Ani's course badge at 23:00 WIB on 30 November stays in November.
		expect(months.find((m) => m.month === '2026-11')).toEqual({
			month: '2026-11',
			course: 1,
			tier: 0,
			total: 1
		});
		expect(months.find((m) => m.month === '2026-10')?.tier).toBe(1);
		// Dewi's revoked badge (November) and Citra's 2025 badge are not counted.
		expect(months.reduce((sum, m) => sum + m.total, 0)).toBe(6);
	});

	it('follows the filters', async () => {
		const inKapas = await badgesByMonth(kapas, NOW);
		expect(inKapas.at(-1)).toEqual({ month: '2026-12', course: 0, tier: 3, total: 3 });
		expect(inKapas.reduce((sum, m) => sum + m.total, 0)).toBe(4);
		const inCohort = await badgesByMonth(cohort(), NOW);
		expect(inCohort.reduce((sum, m) => sum + m.total, 0)).toBe(4);
	});
});

describe('active learners', () => {
	it('are learners with a lesson, practice or quiz in the last 30 days', async () => {
		// Ani (event), Citra (quiz), Eko (event); not Budi (40 days), Dewi, nor the trainer.
		expect(await activeLearners(NO_FILTER, NOW)).toEqual({ learners: 5, active: 3, days: 30 });
		expect(await activeLearners(kapas, NOW)).toEqual({ learners: 2, active: 1, days: 30 });
		expect(await activeLearners(cohort(), NOW)).toEqual({ learners: 2, active: 2, days: 30 });
	});

	it('counts a lesson completed recently as activity', async () => {
		expect((await activeLearners(kapas, new Date(NOW.getTime() - 15 * DAY))).active).toBe(2);
	});
});

describe('completion rate per course', () => {
	it('is learners with the course badge out of learners who started the course', async () => {
		const all = await completionByCourse(NO_FILTER);
		const course = all.find((c) => c.slug === COURSE)!;
		// Started: Ani and Budi (lessons), Citra (quiz); completed: Ani. The trainer does not count.
		expect(course).toMatchObject({ started: 3, completed: 1, rate: 33 });
		expect(all.find((c) => c.slug === 'kemasan-merek')).toMatchObject({
			started: 0,
			completed: 0,
			rate: null
		});
		expect((await completionByCourse(kapas)).find((c) => c.slug === COURSE)).toMatchObject({
			started: 2,
			completed: 1,
			rate: 50
		});
		expect((await completionByCourse(cohort())).find((c) => c.slug === COURSE)).toMatchObject({
			started: 2,
			completed: 1,
			rate: 50
		});
	});
});

type Viewer = { id: string; name: string; role: Role } | null;
const viewer = (key: string, role: Role): Viewer => ({ id: id[key], name: key, role });

function request(path: string, user: Viewer) {
	const url = new URL(`http://localhost${path}`);
	return { url, locals: { user, session: null }, request: new Request(url) };
}

async function thrown(fn: () => unknown) {
	try {
		await fn();
	} catch (e) {
		return e as { status: number; location?: string };
	}
	throw new Error('expected the request to be refused');
}

describe('the dashboard page and its CSV', () => {
	it('turns away learners and trainers with 403, and signed-out visitors to the login page', async () => {
		for (const who of [viewer('ani', 'learner'), viewer('tono', 'trainer')]) {
			expect((await thrown(() => load(request('/admin', who) as never))).status).toBe(403);
			expect((await thrown(() => csv(request('/admin/dashboard.csv', who) as never))).status).toBe(
				403
			);
		}
		const anonymous = await thrown(() => csv(request('/admin/dashboard.csv', null) as never));
		expect(anonymous).toMatchObject({
			status: 303,
			location: '/login?next=%2Fadmin%2Fdashboard.csv'
		});
	});

	it('gives an admin the filtered numbers, and ignores a cohort that does not exist', async () => {
		const admin = viewer('tono', 'admin');
		const page = (await load(
			request(`/admin?kecamatan=Kapas&cohort=${cohortA}`, admin) as never
		)) as {
			filter: DashboardFilter;
			numbers: { tiers: { kecamatan: unknown[] } };
		};
		expect(page.filter).toEqual({ kecamatan: 'Kapas', cohortId: cohortA });
		expect(page.numbers.tiers.kecamatan).toEqual([
			{ name: 'Kapas', counts: [0, 0, 1, 0], total: 1 }
		]);
		const guessed = (await load(
			request('/admin?kecamatan=Atlantis&cohort=nope', admin) as never
		)) as {
			filter: DashboardFilter;
		};
		expect(guessed.filter).toEqual(NO_FILTER);
	});

	it('downloads the same numbers as a CSV for Excel, for the chosen filter', async () => {
		const response = await csv(
			request('/admin/dashboard.csv?kecamatan=Kapas', viewer('tono', 'admin')) as never
		);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(
			/^attachment; filename="naik-kelas-dasbor-Kapas-\d{4}-\d{2}-\d{2}\.csv"$/
		);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for UTF-8
		const lines = new TextDecoder().decode(bytes).split('\r\n');
		expect(lines[0]).toBe('Bagian;Baris;Kolom;Nilai');
		expect(lines).toContain('Saringan;Kecamatan;;Kapas');
		expect(lines).toContain('Usaha per tingkat dan kecamatan;Kapas;Belum bertingkat;1');
		expect(lines).toContain('Usaha per tingkat dan kecamatan;Kapas;Siap Komersial;1');
		expect(lines.some((l) => l.startsWith('Usaha per tingkat dan kecamatan;Dander;'))).toBe(false);
		expect(lines).toContain('Peserta aktif;Semua peserta;;2');
		expect(lines).toContain('Penyelesaian kursus;Manajemen Usaha;Persen selesai;50');
		// Months as people read them ("Desember 2026"); a bare 2026-12 becomes a date in Excel.
		const months = lines.filter((l) => l.startsWith('Lencana')).map((l) => l.split(';')[1]);
		expect(months.length).toBeGreaterThan(0);
		for (const month of months)
			expect(month).toMatch(
				/^(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}$/
			);
		// The file is dated with the day in Bojonegoro.
		expect(response.headers.get('content-disposition')).toContain(`-${dayOf()}.csv`);
	});
});
