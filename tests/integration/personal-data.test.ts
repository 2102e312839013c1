import { eq, sql } from 'drizzle-orm';
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { authenticate, registerUser } from '$lib/server/auth/accounts';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '$lib/server/auth/session';
import { awardCourseBadgeIfEarned, findBadge } from '$lib/server/badges/award';
import { decideReview } from '$lib/server/tiers/review';
import { publicBadge } from '$lib/server/badges/public-view';
import { credentialResponse } from '$lib/server/badges/credential-response';
import { getBusiness, saveBusiness } from '$lib/server/business';
import { createCohort, join } from '$lib/server/cohorts';
import { findCourse } from '$lib/server/content/catalog';
import { client, db, ensureDatabase, table } from '$lib/server/db';
import { photoPath, saveLink, savePhoto } from '$lib/server/evidence/store';
import { phonePhoto } from '../fixtures/photos';
import { deleteAccountWithPassword, DELETED_REASON } from '$lib/server/personal-data/erase';
import { markLessonDone } from '$lib/server/progress';
import { recordAttempt } from '$lib/server/quiz/attempts';
import { findQuiz } from '$lib/server/quiz/bank';
import { gradeQuiz } from '$lib/server/quiz/grading';
import { GET as exportGet } from '../../src/routes/account/export/+server';
import { POST as syncPost } from '../../src/routes/api/sync/+server';

const BASE = 'https://belajar.pkk-bojonegoro.example';
const COURSE = 'manajemen-usaha';
const PASSWORD = 'ledre pisang raja';

type Person = {
	id: string;
	name: string;
	phone: string;
	businessId: string;
	businessName: string;
	device: string;
	token: string;
	photo: string;
	badges: string[];
};

async function sync(userId: string | null, deviceId: string, lessons: string[]) {
	const events = lessons.map((lesson) => ({
		id: crypto.randomUUID(),
		kind: 'lesson_opened',
		course: COURSE,
		lesson,
		at: new Date().toISOString()
	}));
	const request = new Request('http://localhost/api/sync', {
		method: 'POST',
		body: JSON.stringify({ deviceId, events })
	});
	const res = await syncPost({
		request,
		locals: { user: userId ? { id: userId, name: 'x', role: 'learner' } : null, session: null },
		url: new URL(request.url)
	} as unknown as Parameters<typeof syncPost>[0]);
	expect(res.status).toBe(200);
}

/** A learner with something in every table that can hold personal data. */
async function makeLearner(name: string, phone: string, businessName: string, trainerId: string) {
	const r = await registerUser({ name, contact: phone, password: PASSWORD, confirm: PASSWORD });
	const id = r.user!.id;
	await saveBusiness(id, {
		name: businessName,
		products: 'ledre pisang',
		kecamatan: 'Padangan',
		desa: 'Kuncen',
		nib: '9120001234567',
		sppIrt: null,
		halal: null,
		bpomMd: null,
		trademark: null
	});
	const biz = (await getBusiness(id))!;
	const seed = phone.length + name.length;
	expect(
		await savePhoto(
			{ businessId: biz.id, tier: 'rintisan', item: 'buku-kas' },
			new File([await phonePhoto({ width: 320, height: 240, seed })], 'kas.jpg')
		)
	).toBeNull();
	await saveLink(
		{ businessId: biz.id, tier: 'siap-komersial', item: 'katalog' },
		`https://wa.me/c/${seed}`
	);
	const reviewId = crypto.randomUUID();
	await db.insert(table.tierReview).values({
		id: reviewId,
		businessId: biz.id,
		tier: 'rintisan',
		status: 'submitted',
		submittedAt: new Date()
	});
	for (const lesson of findCourse(COURSE)!.lessons) await markLessonDone(id, COURSE, lesson.slug);
	const quiz = findQuiz(COURSE)!;
	const right = Object.fromEntries(
		quiz.questions.map((q) => [q.id, Array.isArray(q.answer) ? q.answer : [String(q.answer)]])
	);
	await recordAttempt(id, COURSE, gradeQuiz(quiz, right));
	const courseBadge = await awardCourseBadgeIfEarned(id, COURSE, BASE);
	// Endorsed, then kept after a re-review with a note that names her: gone with her account.
	const endorser = { id: trainerId, name: 'Tutik', role: 'trainer' as const };
	const decided = await decideReview(reviewId, endorser, 'endorsed', `Lengkap, ${name}.`, BASE);
	const tierBadge = decided.ok ? decided.badge : null;
	await db
		.update(table.tierAward)
		.set({
			keptChanges: ['course:x'],
			keptNote: `Tetap sah untuk ${name}`,
			keptBy: trainerId,
			keptAt: new Date()
		})
		.where(eq(table.tierAward.badgeId, tierBadge!.id));
	const cohort = await createCohort(trainerId, `Bimtek Padangan ${seed}`);
	await join(cohort.id, id);
	// Guest events on a phone, then the same phone signed in: both are this person's.
	const device = crypto.randomUUID();
	await sync(null, device, ['pisahkan-uang-usaha']);
	await sync(id, device, ['pembukuan-harian']);
	await sync(null, device, ['menghitung-hpp']);
	const token = generateSessionToken();
	await createSession(token, id);
	await createSession(generateSessionToken(), id);
	await authenticate(phone, 'salah sandi', '10.0.0.1'); // a login limit row naming the phone
	const [row] = await db.select().from(table.user).where(eq(table.user.id, id));
	const [photo] = await db
		.select()
		.from(table.evidence)
		.where(eq(table.evidence.businessId, biz.id));
	return {
		id,
		name,
		phone: row.phone!,
		businessId: biz.id,
		businessName,
		device,
		token,
		photo: photo.kind === 'photo' ? photo.value : '',
		badges: [courseBadge!.id, tierBadge!.id]
	} satisfies Person;
}

let sri: Person;
let budi: Person;
let trainerId: string;

beforeAll(async () => {
	await ensureDatabase();
	const t = await registerUser(
		{ name: 'Pelatih', contact: 'pelatih@pkk.example', password: PASSWORD, confirm: PASSWORD },
		'trainer'
	);
	trainerId = t.user!.id;
	sri = await makeLearner('Sri Wahyuni', '0812 7777 1111', 'Ledre Bu Sri', trainerId);
	budi = await makeLearner('Budi Santoso', '0813 5555 2222', 'Keripik Pak Budi', trainerId);
});

async function exported(userId: string) {
	const res = await exportGet({
		locals: { user: { id: userId, name: 'x', role: 'learner' }, session: null },
		url: new URL(`${BASE}/account/export`)
	} as unknown as Parameters<typeof exportGet>[0]);
	return { res, text: await res.text() };
}

/** Every cell of every table that contains one of `needles`, as "table.column". */
async function cellsContaining(needles: string[]) {
	const found: string[] = [];
	const tables = await client.execute(
		"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'"
	);
	for (const { name } of tables.rows) {
		const cols = await client.execute(`pragma table_info("${name}")`);
		for (const col of cols.rows)
			for (const needle of needles) {
				const r = await client.execute({
					sql: `select count(*) as n from "${name}" where instr(cast("${col.name}" as text), ?) > 0`,
					args: [needle]
				});
				if (Number(r.rows[0].n) > 0) found.push(`${name}.${col.name} has ${needle}`);
			}
	}
	return found;
}

describe('download of one’s own data', () => {
	it('is a JSON file with the profile, business, evidence, progress, quiz answers, badges, cohorts, activity and consent', async () => {
		const { res, text } = await exported(sri.id);
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.json"$/);
		expect(res.headers.get('cache-control')).toContain('no-store');
		const data = JSON.parse(text);
		expect(data.account).toMatchObject({ name: 'Sri Wahyuni', phone: sri.phone });
		expect(data.business.name).toBe('Ledre Bu Sri');
		const photo = data.evidence.find((e: { kind: string }) => e.kind === 'photo');
		expect(Buffer.from(photo.photo.base64, 'base64')).toEqual(readFileSync(photoPath(sri.photo)!));
		expect(data.evidence.find((e: { kind: string }) => e.kind === 'link').value).toMatch(
			/^https:\/\/wa\.me\//
		);
		expect(data.tierReviews).toHaveLength(1);
		expect(data.lessonsCompleted).toHaveLength(findCourse(COURSE)!.lessons.length);
		expect(data.quizAttempts[0].answers.length).toBe(findQuiz(COURSE)!.questions.length);
		expect(data.badges.map((b: { id: string }) => b.id).sort()).toEqual([...sri.badges].sort());
		expect(data.badges[0].credential.proof).toBeDefined();
		const tier = data.badges.find((b: { kind: string }) => b.kind === 'tier');
		expect(tier.keptNote).toBe('Tetap sah untuk Sri Wahyuni');
		expect(data.cohorts.member[0]).toMatchObject({ trainer: 'Pelatih' });
		// The guest events before and after signing in on that phone are there too.
		expect(data.activity.map((e: { lesson: string }) => e.lesson).sort()).toEqual([
			'menghitung-hpp',
			'pembukuan-harian',
			'pisahkan-uang-usaha'
		]);
		expect(data.sessions).toHaveLength(2);
		expect(data.consent.length).toBeGreaterThanOrEqual(3);
	});

	it('holds nothing of another learner, and no password hash or session id', async () => {
		const { text } = await exported(sri.id);
		for (const other of [budi.name, budi.phone, budi.businessName, budi.device])
			expect(text).not.toContain(other);
		const [row] = await db.select().from(table.user).where(eq(table.user.id, sri.id));
		expect(text).not.toContain(row.passwordHash);
		const sessions = await db.select().from(table.session).where(eq(table.session.userId, sri.id));
		for (const s of sessions) expect(text).not.toContain(s.id);
	});
});

describe('deleting an account', () => {
	it('needs the password', async () => {
		expect(await deleteAccountWithPassword(sri.id, 'bukan sandinya')).toBe('current_password');
		expect(await db.select().from(table.user).where(eq(table.user.id, sri.id))).toHaveLength(1);
	});

	it('leaves no cell anywhere that names the person, their business or their phone', async () => {
		expect(await deleteAccountWithPassword(sri.id, PASSWORD)).toBeNull();
		const needles = [sri.id, sri.businessId, sri.phone, sri.name, sri.businessName, sri.device];
		expect(await cellsContaining(needles)).toEqual([]);
	});

	it('deletes the evidence photos from the disk, and only theirs', () => {
		expect(existsSync(photoPath(sri.photo)!)).toBe(false);
		expect(existsSync(photoPath(budi.photo)!)).toBe(true);
	});

	it('signs out every session', async () => {
		expect((await validateSessionToken(sri.token)).user).toBeNull();
		const [{ n }] = await db
			.select({ n: sql<number>`count(*)` })
			.from(table.session)
			.where(eq(table.session.userId, sri.id));
		expect(n).toBe(0);
	});

	it('revokes the badges ("akun dihapus") and keeps a verification page without names', async () => {
		for (const id of sri.badges) {
			const badge = (await findBadge(id))!;
			expect(badge.revokedAt).toBeInstanceOf(Date);
			expect(badge.revokeReason).toBe(DELETED_REASON);
			const view = await publicBadge(badge, BASE);
			expect(view).toMatchObject({ holderDeleted: true, holderName: '', businessName: null });
			expect(view.criteria).not.toBe('');
			const credential = await credentialResponse(id);
			expect(credential.status).toBe(410);
		}
	});

	it('leaves another learner’s data as it was', async () => {
		const { text } = await exported(budi.id);
		const data = JSON.parse(text);
		expect(data.account.name).toBe('Budi Santoso');
		expect(data.badges.every((b: { revokedAt: string | null }) => b.revokedAt === null)).toBe(true);
		expect(data.activity).toHaveLength(3);
		expect((await validateSessionToken(budi.token)).user?.id).toBe(budi.id);
	});
});

describe('who may not delete', () => {
	it('the last admin; with a second admin, either may', async () => {
		const mk = async (contact: string) =>
			(
				await registerUser(
					{ name: 'Admin', contact, password: PASSWORD, confirm: PASSWORD },
					'admin'
				)
			).user!.id;
		const first = await mk('admin1@pkk.example');
		expect(await deleteAccountWithPassword(first, PASSWORD)).toBe('last_admin');
		await mk('admin2@pkk.example');
		expect(await deleteAccountWithPassword(first, PASSWORD)).toBeNull();
	});

	it('a trainer who still runs cohorts (other learners belong to them)', async () => {
		expect(await deleteAccountWithPassword(trainerId, PASSWORD)).toBe('owns_cohorts');
	});
});
