import { isActionFailure, isHttpError, isRedirect, type Cookies } from '@sveltejs/kit';
import { count, eq, like, not, or } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import { createSession, generateSessionToken, type SessionUser } from '$lib/server/auth/session';
import { db, ensureDatabase, table } from '$lib/server/db';
import { KECAMATAN } from '$lib/bojonegoro';
import { findQuiz } from '$lib/server/quiz/bank';
import { createCohort, join as joinCohort } from '$lib/server/cohorts';
import { issueEmbedToken } from '$lib/server/embed/token';
import { createPartner } from '$lib/server/partners/registry';
import { currentCheckin } from '$lib/server/trainer/attendance';
import { listRoutes } from '../e2e/routes';
import { revokeBadge } from '$lib/server/badges/award';
import { decideReview } from '$lib/server/tiers/review';
import { readyLearner } from './tier-fixtures';
import * as account from '../../src/routes/account/+page.server';
import * as accountDelete from '../../src/routes/account/delete/+page.server';
import * as accountPassword from '../../src/routes/account/password/+page.server';
import * as adminCertificate from '../../src/routes/admin/certificate/+page.server';
import * as adminPartners from '../../src/routes/admin/partners/+page.server';
import * as adminPartner from '../../src/routes/admin/partners/[id]/+page.server';
import * as adminUsers from '../../src/routes/admin/users/+page.server';
import * as adminLesson from '../../src/routes/admin/lessons/[course]/[lesson]/+page.server';
import { POST as sync } from '../../src/routes/api/sync/+server';
import * as checkin from '../../src/routes/checkin/+page.server';
import * as lesson from '../../src/routes/courses/[course]/[lesson]/+page.server';
import * as quizPage from '../../src/routes/courses/[course]/quiz/+page.server';
import { POST as embedAccount } from '../../src/routes/embed/account/+server';
import * as joinGo from '../../src/routes/join/+page.server';
import * as join from '../../src/routes/join/[code]/+page.server';
import * as language from '../../src/routes/language/+page.server';
import * as login from '../../src/routes/login/+page.server';
import * as logout from '../../src/routes/logout/+page.server';
import * as register from '../../src/routes/register/+page.server';
import * as saveProgress from '../../src/routes/save-progress/+page.server';
import * as setup from '../../src/routes/setup/+page.server';
import * as trainer from '../../src/routes/trainer/+page.server';
import * as cohortPage from '../../src/routes/trainer/cohorts/[id]/+page.server';
import * as attendance from '../../src/routes/trainer/cohorts/[id]/attendance/+page.server';
import * as cohortEdit from '../../src/routes/trainer/cohorts/[id]/edit/+page.server';
import * as cohortHandOver from '../../src/routes/trainer/cohorts/[id]/hand-over/+page.server';
import * as participants from '../../src/routes/trainer/cohorts/[id]/participants/+page.server';
import * as decide from '../../src/routes/trainer/reviews/[id]/+page.server';
import * as recheck from '../../src/routes/trainer/reviews/recheck/+page.server';
import * as revoke from '../../src/routes/verify/[id=badge]/+page.server';

// Random and hostile input against /api/sync and every form action, called as SvelteKit calls
// them: nothing may throw anything but SvelteKit's own redirect or a 4xx error (a 500 for the
// visitor), and nothing half-made may be left in the database.

const RUNS = Number(process.env.FC_RUNS || 40);
const QUESTIONS = findQuiz('manajemen-usaha')!.questions.map((q) => `q.${q.id}`);

const HOSTILE = [
	"'; DROP TABLE user; --",
	"' OR '1'='1",
	'" OR 1=1 --',
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	'{{7*7}}${7*7}',
	'../../../etc/passwd',
	'\u0000\u0001\u001f',
	'\uD800\uDFFF\uDBFF',
	'‮gnp.exe',
	'0812 3456 7890',
	'__proto__',
	'constructor',
	'x'.repeat(70_000),
	'🙂'.repeat(20_000)
];
const text = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.constantFrom(...HOSTILE)
);
/** Bytes that are not valid UTF-8, percent-encoded into a urlencoded form. */
const badUtf8 = fc
	.uint8Array({ minLength: 1, maxLength: 30 })
	.map((bytes) =>
		[...bytes, 0xff, 0xc3].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')
	);

type Form = { fields: [string, string][]; raw: string | null; file?: Uint8Array | null };
type Values = Record<string, fc.Arbitrary<string>>;
/** The fields an action reads, plus random extra ones; sometimes a body of broken bytes. */
const formFor = (names: string[], values: Values = {}) =>
	fc.record({
		fields: fc
			.tuple(
				fc.tuple(...names.map((n) => fc.tuple(fc.constant(n), values[n] ?? text))),
				fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), text), text), { maxLength: 4 })
			)
			.map(([known, extra]) => [...known, ...extra] as [string, string][]),
		raw: fc.option(
			fc.tuple(fc.constantFrom(...names), badUtf8).map(([n, v]) => `${n}=${v}&${v}=${v}`),
			{ freq: 4 }
		)
	});

function fakeCookies(): Cookies {
	const jar = new Map<string, string>();
	return {
		get: (name) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name, value) => void jar.set(name, value),
		delete: (name) => void jar.delete(name),
		serialize: (name, value) => `${name}=${value}`
	};
}

let address = 0;
function eventFor(path: string, form: Form, user: SessionUser | null, params = {}) {
	const url = new URL(`http://localhost${path}`);
	let request: Request;
	if (form.file && !form.raw) {
		// An upload: multipart, as the browser sends it.
		const data = new FormData();
		for (const [k, v] of form.fields) data.append(k, v);
		data.append('file', new File([new Uint8Array(form.file)], 'peserta.csv', { type: 'text/csv' }));
		request = new Request(url, { method: 'POST', body: data });
	} else
		request = new Request(url, {
			method: 'POST',
			body: form.raw ?? new URLSearchParams(form.fields).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		});
	const ip = `10.1.${address >> 8}.${address++ & 255}`;
	return {
		request,
		url,
		params,
		locals: { user, session: user ? { id: 'x', userId: user.id, expiresAt: new Date() } : null },
		cookies: fakeCookies(),
		getClientAddress: () => ip,
		setHeaders: () => {}
	};
}

/** Runs an action; returns the status the visitor would see, failing on anything else. */
async function statusOf(run: () => unknown) {
	try {
		const result = await run();
		return isActionFailure(result) ? result.status : 200;
	} catch (e) {
		if (isRedirect(e)) return e.status;
		if (isHttpError(e) && e.status < 500) return e.status;
		throw e;
	}
}

let learner: SessionUser;
let trainerUser: SessionUser;
let admin: SessionUser;
let visitors: (SessionUser | null)[];
let cohortId: string;
let partnerId: string;
let embedToken: string;
let learnerToken: string;
/** A tier review waiting, and a tier badge whose course badge was revoked after the award. */
let reviewId: string;
let questionedBadge: string;
const TODAY = new Date().toISOString().slice(0, 10);

async function makeUser(name: string, phone: string, role: SessionUser['role']) {
	const r = await registerUser(
		{ name, contact: phone, password: 'kripik tempe 7', confirm: 'kripik tempe 7' },
		role
	);
	return { id: r.user!.id, name, role } as SessionUser;
}

/** Nothing half-made: every row that exists is a whole, valid one. */
async function expectNoPartialRecords() {
	const [users] = await db
		.select({ n: count() })
		.from(table.user)
		.where(or(eq(table.user.name, ''), not(like(table.user.passwordHash, '$argon2id$%'))));
	expect(users.n, 'users without a name or a password hash').toBe(0);
	for (const u of await db.select().from(table.user))
		expect(u.phone || u.email?.includes('@'), `contact of ${u.name}`).toBeTruthy();
	const businesses = await db.select().from(table.business);
	for (const b of businesses) {
		expect(b.name.trim()).not.toBe('');
		expect(KECAMATAN as readonly string[]).toContain(b.kecamatan);
	}
	const cohorts = await db.select().from(table.cohort);
	for (const c of cohorts) {
		expect(c.name.trim()).not.toBe('');
		// Bare-name cohorts (the old /trainer form) have no dates; a form-made one has both.
		if (c.sessionDates.length) expect(c.courses.length).toBeGreaterThan(0);
		for (const d of c.sessionDates) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	}
	for (const m of await db.select().from(table.cohortMember)) {
		expect(cohorts.some((c) => c.id === m.cohortId)).toBe(true);
	}
	const evidence = await db.select().from(table.evidence);
	for (const e of evidence) expect(e.value).not.toBe('');
	for (const n of await db.select().from(table.lessonNotice)) {
		// Up with readable text, or taken down; always with a real day.
		if (n.text !== null) expect(n.text.trim()).not.toBe('');
		expect(n.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	}
	for (const p of await db.select().from(table.partner)) {
		expect(p.name.trim()).not.toBe('');
		expect(p.origins.length).toBeGreaterThan(0);
	}
}

beforeAll(async () => {
	await ensureDatabase();
	learner = await makeUser('Sri', '0812 7000 0001', 'learner');
	trainerUser = await makeUser('Tutik', '0812 7000 0002', 'trainer');
	admin = await makeUser('Admin', '0812 7000 0003', 'admin');
	visitors = [null, learner, trainerUser, admin];
	const cohort = await createCohort(trainerUser.id, {
		name: 'Bimtek Kripik',
		venue: 'Balai Desa',
		kecamatan: KECAMATAN[0],
		sessionDates: [TODAY],
		courses: ['manajemen-usaha']
	});
	cohortId = cohort.id;
	await joinCohort(cohortId, learner.id);
	partnerId = await createPartner({
		name: 'Desa Wisata',
		contact: '',
		origins: ['https://desa.example']
	});
	embedToken = issueEmbedToken(partnerId, 'https://desa.example');
	reviewId = (await readyLearner(trainerUser, 'Bu Ning')).review.id;
	const held = await readyLearner(trainerUser, 'Bu Asih');
	const endorsed = await decideReview(held.review.id, trainerUser, 'endorsed', 'ok', 'http://x');
	questionedBadge = endorsed.ok ? endorsed.badge!.id : '';
	await revokeBadge(held.courseBadge.id, admin.id, 'Kuis dikerjakan orang lain.');
});

const visitor = fc.integer({ min: 0, max: 3 });
const rows = (t: typeof table.user | typeof table.cohort | typeof table.partner) => async () =>
	(await db.select({ n: count() }).from(t))[0].n;
const cohortRow = async () =>
	(await db.select().from(table.cohort).where(eq(table.cohort.id, cohortId)))[0];
const partnerRow = async () =>
	(await db.select().from(table.partner).where(eq(table.partner.id, partnerId)))[0];
const memberships = async () => (await db.select({ n: count() }).from(table.cohortMember))[0].n;
const reviewRow = async () =>
	(await db.select().from(table.tierReview).where(eq(table.tierReview.id, reviewId)))[0];
const tierBadgeCount = async () =>
	(await db.select({ n: count() }).from(table.badge).where(eq(table.badge.kind, 'tier')))[0].n;
const questionedRows = async () => [
	(await db.select().from(table.badge).where(eq(table.badge.id, questionedBadge)))[0],
	(await db.select().from(table.tierAward).where(eq(table.tierAward.badgeId, questionedBadge)))[0]
];
const attendanceRows = () => db.select().from(table.attendance).orderBy(table.attendance.userId);
const noticeRows = () => db.select().from(table.lessonNotice);

// Realistic values beside the random ones, so the success paths are taken too.
const or_ = (...good: fc.Arbitrary<string>[]) =>
	fc.oneof({ weight: 1, arbitrary: text }, ...good.map((g) => ({ weight: 2, arbitrary: g })));
const personName = or_(fc.constantFrom('Bu Yanti', 'Pak Darto'));
const kecamatan = or_(fc.constantFrom(...KECAMATAN));
const date = or_(
	fc.constantFrom(TODAY, '2026-02-30', '2026-13-01', '0000-00-00'),
	fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
);
const phone = or_(fc.integer({ min: 10_000_000, max: 999_999_999 }).map((n) => `0812${n}`));
const password = or_(fc.constant('kripik tempe 7'));
const cohortForm: Values = {
	name: or_(fc.constant('Bimtek Sambal')),
	kecamatan,
	date,
	course: or_(fc.constant('manajemen-usaha'))
};
const userIds = () => or_(fc.constantFrom(learner.id, trainerUser.id, admin.id));
const origins = or_(
	fc.constantFrom('https://desa.example', 'https://a.example\nhttp://b.example', '*.example')
);

/** A participants list as a trainer pastes or uploads it: header, good and bad rows. */
const participantCsv = fc
	.tuple(
		fc.constantFrom('nama;hp;usaha;desa', 'Nama,No HP,Nama Usaha', 'nama\thp', 'hp;x;nama'),
		fc.array(fc.tuple(or_(fc.constant('Bu Yanti')), phone, text, text), { maxLength: 3 })
	)
	.map(([header, body]) => [header, ...body.map((r) => r.join(header.includes(',') ? ',' : ';'))])
	.map((lines) => lines.join('\r\n'));
const participantsForm: fc.Arbitrary<Form> = fc.record({
	fields: fc
		.tuple(
			fc.oneof(participantCsv, text),
			fc.array(fc.tuple(fc.constantFrom('name0', 'phone0', 'business1', 'desa2'), phone), {
				maxLength: 3
			})
		)
		.map(([csv, typed]) => [['csv', csv], ...typed] as [string, string][]),
	raw: fc.option(
		badUtf8.map((v) => `csv=${v}`),
		{ freq: 5 }
	),
	file: fc.option(
		fc.oneof(
			participantCsv.map((t) => new TextEncoder().encode(t)),
			// Windows-1252 and UTF-16 exports, and plain junk.
			participantCsv.map((t) => Uint8Array.from(t, (ch) => ch.charCodeAt(0) & 0xff)),
			fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array([0xff, 0xfe, ...b])),
			fc.uint8Array({ maxLength: 200 })
		),
		{ freq: 2 }
	)
});

type Case = {
	/** The route key as listRoutes() names it. */
	key: string;
	path: string;
	fields: string[];
	values?: () => Values;
	form?: () => fc.Arbitrary<Form>;
	params?: () => Record<string, string> | Promise<Record<string, string>>;
	/** What must not change when the action refuses (a 4xx): no half-made record. */
	unchangedOnRefusal?: () => Promise<unknown>;
	run: (event: ReturnType<typeof eventFor>) => unknown;
};

const cohortParams = () => ({ id: cohortId });
const joinParams = async () => ({ code: (await cohortRow()).joinCode });

const CASES: Case[] = [
	{
		key: 'POST /register',
		path: '/register',
		fields: ['name', 'contact', 'password', 'confirm'],
		values: () => ({ name: personName, contact: phone, password, confirm: password }),
		unchangedOnRefusal: rows(table.user),
		run: (e) => register.actions.default(e as never)
	},
	{
		key: 'POST /login',
		path: '/login',
		fields: ['contact', 'password'],
		values: () => ({ contact: or_(fc.constant('0812 7000 0001')), password }),
		run: (e) => login.actions.default(e as never)
	},
	{
		key: 'POST /setup',
		path: '/setup',
		fields: ['code', 'name', 'contact', 'password', 'confirm'],
		unchangedOnRefusal: rows(table.user),
		run: (e) => setup.actions.default(e as never)
	},
	{
		key: 'POST /logout',
		path: '/logout',
		fields: [],
		run: (e) => logout.actions.default(e as never)
	},
	{
		key: 'POST /language?/switch',
		path: '/language',
		fields: ['locale', 'next'],
		values: () => ({ locale: or_(fc.constantFrom('id', 'en')) }),
		run: (e) => language.actions.switch(e as never)
	},
	{
		key: 'POST /account?/business',
		path: '/account',
		fields: [
			'name',
			'products',
			'kecamatan',
			'desa',
			'nib_has',
			'nib_number',
			'halal_has',
			'halal_number'
		],
		values: () => ({ kecamatan }),
		run: (e) => account.actions.business(e as never)
	},
	{
		key: 'POST /account?/evidence',
		path: '/account',
		fields: ['tier', 'item', 'value'],
		run: (e) => account.actions.evidence(e as never)
	},
	{
		key: 'POST /account?/review',
		path: '/account',
		fields: ['tier'],
		run: (e) => account.actions.review(e as never)
	},
	// Before the password cases: a random password set there must not let this delete a visitor.
	{
		key: 'POST /account/delete',
		path: '/account/delete',
		fields: ['password'],
		unchangedOnRefusal: rows(table.user),
		run: (e) => accountDelete.actions.default(e as never)
	},
	{
		key: 'POST /account?/password',
		path: '/account',
		fields: ['current', 'password', 'confirm'],
		run: (e) => account.actions.password(e as never)
	},
	{
		key: 'POST /account/password',
		path: '/account/password',
		fields: ['password', 'confirm'],
		values: () => ({ password, confirm: password }),
		run: (e) => accountPassword.actions.default(e as never)
	},
	{
		key: 'POST /admin/users?/role',
		path: '/admin/users',
		fields: ['userId', 'role'],
		run: (e) => adminUsers.actions.role(e as never)
	},
	{
		key: 'POST /admin/users?/disable',
		path: '/admin/users',
		fields: ['userId', 'confirm'],
		values: () => ({ userId: userIds() }),
		run: (e) => adminUsers.actions.disable(e as never)
	},
	{
		key: 'POST /admin/users?/enable',
		path: '/admin/users',
		fields: ['userId'],
		values: () => ({ userId: userIds() }),
		run: (e) => adminUsers.actions.enable(e as never)
	},
	{
		key: 'POST /admin/partners?/create',
		path: '/admin/partners',
		fields: ['name', 'contact', 'origins'],
		values: () => ({ origins }),
		unchangedOnRefusal: rows(table.partner),
		run: (e) => adminPartners.actions.create(e as never)
	},
	{
		key: 'POST /admin/partners/[id]?/save',
		path: '/admin/partners/x',
		fields: ['name', 'contact', 'origins'],
		values: () => ({ origins }),
		params: () => ({ id: partnerId }),
		unchangedOnRefusal: partnerRow,
		run: (e) => adminPartner.actions.save(e as never)
	},
	{
		key: 'POST /admin/certificate?/save',
		path: '/admin/certificate',
		fields: ['name', 'title'],
		values: () => ({ name: personName, title: or_(fc.constant('Ketua TP PKK Bojonegoro')) }),
		unchangedOnRefusal: () => db.select().from(table.setting),
		run: (e) => adminCertificate.actions.save(e as never)
	},
	{
		key: 'POST /admin/lessons/[course]/[lesson]?/save',
		path: '/admin/lessons/x/y',
		fields: ['text', 'day'],
		values: () => ({ day: date }),
		params: () => ({ course: 'legalitas-naik-kelas', lesson: 'sertifikat-halal' }),
		unchangedOnRefusal: noticeRows,
		run: (e) => adminLesson.actions.save(e as never)
	},
	{
		key: 'POST /admin/lessons/[course]/[lesson]?/remove',
		path: '/admin/lessons/x/y',
		fields: [],
		params: () => ({ course: 'legalitas-naik-kelas', lesson: 'sertifikat-halal' }),
		unchangedOnRefusal: noticeRows,
		run: (e) => adminLesson.actions.remove(e as never)
	},
	{
		key: 'POST /trainer?/create',
		path: '/trainer',
		fields: ['name', 'venue', 'kecamatan', 'date', 'course'],
		values: () => cohortForm,
		unchangedOnRefusal: rows(table.cohort),
		run: (e) => trainer.actions.create(e as never)
	},
	{
		key: 'POST /trainer/cohorts/[id]/edit',
		path: '/trainer/cohorts/x/edit',
		fields: ['name', 'venue', 'kecamatan', 'date', 'course'],
		values: () => cohortForm,
		params: cohortParams,
		unchangedOnRefusal: cohortRow,
		run: (e) => cohortEdit.actions.default(e as never)
	},
	{
		key: 'POST /trainer/cohorts/[id]/hand-over',
		path: '/trainer/cohorts/x/hand-over',
		fields: ['trainer'],
		params: cohortParams,
		unchangedOnRefusal: cohortRow,
		run: (e) => cohortHandOver.actions.default(e as never)
	},
	{
		key: 'POST /join?/go',
		path: '/join',
		fields: ['code'],
		values: () => ({ code: or_(fc.constantFrom('ABC234', 'abc-234', ' A B C 2 3 4 ')) }),
		run: (e) => joinGo.actions.go(e as never)
	},
	{
		key: 'POST /join/[code]?/join',
		path: '/join/x',
		fields: [],
		params: joinParams,
		unchangedOnRefusal: memberships,
		run: (e) => join.actions.join(e as never)
	},
	{
		key: 'POST /join/[code]?/register',
		path: '/join/x',
		fields: ['name', 'contact', 'password', 'confirm'],
		values: () => ({ name: personName, contact: phone, password, confirm: password }),
		params: joinParams,
		unchangedOnRefusal: async () => [await rows(table.user)(), await memberships()],
		run: (e) => join.actions.register(e as never)
	},
	{
		key: 'POST /checkin',
		path: '/checkin',
		fields: ['code'],
		values: () => ({ code: or_(fc.constant(0).map(() => currentCheckin(cohortId, TODAY).code)) }),
		unchangedOnRefusal: attendanceRows,
		run: (e) => checkin.actions.default(e as never)
	},
	{
		key: 'POST /trainer/cohorts/[id]/participants',
		path: '/trainer/cohorts/x/participants',
		fields: ['csv'],
		form: () => participantsForm,
		params: cohortParams,
		unchangedOnRefusal: async () => [await rows(table.user)(), await memberships()],
		run: (e) => participants.actions.default(e as never)
	},
	{
		key: 'POST /trainer/cohorts/[id]/attendance?/save',
		path: '/trainer/cohorts/x/attendance',
		fields: ['date', 'present'],
		values: () => ({ date, present: or_(fc.constant(learner.id)) }),
		params: cohortParams,
		unchangedOnRefusal: attendanceRows,
		run: (e) => attendance.actions.save(e as never)
	},
	{
		key: 'POST /trainer/cohorts/[id]?/reset',
		path: '/trainer/cohorts/x',
		fields: ['member'],
		values: () => ({ member: userIds() }),
		params: cohortParams,
		run: (e) => cohortPage.actions.reset(e as never)
	},
	{
		key: 'POST /trainer/cohorts/[id]?/rotate',
		path: '/trainer/cohorts/x',
		fields: [],
		params: cohortParams,
		unchangedOnRefusal: cohortRow,
		run: (e) => cohortPage.actions.rotate(e as never)
	},
	{
		key: 'POST /trainer/cohorts/[id]?/close',
		path: '/trainer/cohorts/x',
		fields: [],
		params: cohortParams,
		unchangedOnRefusal: cohortRow,
		run: (e) => cohortPage.actions.close(e as never)
	},
	{
		key: 'POST /trainer/cohorts/[id]?/open',
		path: '/trainer/cohorts/x',
		fields: [],
		params: cohortParams,
		unchangedOnRefusal: cohortRow,
		run: (e) => cohortPage.actions.open(e as never)
	},
	{
		key: 'POST /trainer/reviews/[id]?/decide',
		path: '/trainer/reviews/x',
		fields: ['decision', 'confirm', 'note'],
		values: () => ({
			decision: or_(fc.constantFrom('endorsed', 'returned')),
			confirm: or_(fc.constant('yes'))
		}),
		params: () => ({ id: reviewId }),
		unchangedOnRefusal: async () => [await reviewRow(), await tierBadgeCount()],
		run: (e) => decide.actions.decide(e as never)
	},
	// Keep first: a revoke that goes through leaves nothing in question for the other.
	{
		key: 'POST /trainer/reviews/recheck?/keep',
		path: '/trainer/reviews/recheck',
		fields: ['badge', 'note'],
		values: () => ({ badge: or_(fc.constant(questionedBadge)) }),
		unchangedOnRefusal: questionedRows,
		run: (e) => recheck.actions.keep(e as never)
	},
	{
		key: 'POST /trainer/reviews/recheck?/revoke',
		path: '/trainer/reviews/recheck',
		fields: ['badge', 'note'],
		values: () => ({ badge: or_(fc.constant(questionedBadge)) }),
		unchangedOnRefusal: questionedRows,
		run: (e) => recheck.actions.revoke(e as never)
	},
	{
		key: 'POST /verify/[id=badge]?/revoke',
		path: '/verify/x',
		fields: ['reason'],
		params: () => ({ id: 'x' }),
		run: (e) => revoke.actions.revoke(e as never)
	},
	{
		key: 'POST /courses/[course]/[lesson]?/complete',
		path: '/courses/manajemen-usaha/menghitung-hpp',
		fields: [],
		params: () => ({ course: 'manajemen-usaha', lesson: 'menghitung-hpp' }),
		run: (e) => lesson.actions.complete(e as never)
	},
	{
		key: 'POST /courses/[course]/quiz',
		path: '/courses/manajemen-usaha/quiz',
		fields: ['order', ...QUESTIONS],
		params: () => ({ course: 'manajemen-usaha' }),
		run: (e) => quizPage.actions.default(e as never)
	},
	{
		key: 'POST /save-progress?/save',
		path: '/save-progress',
		fields: ['device', 'embed'],
		values: () => ({ device: or_(fc.uuid()), embed: or_(fc.constant(embedToken)) }),
		unchangedOnRefusal: async () => (await db.select({ n: count() }).from(table.session))[0].n,
		run: (e) => saveProgress.actions.save(e as never)
	},
	// Last: it deletes the partner the save case edits.
	{
		key: 'POST /admin/partners/[id]?/delete',
		path: '/admin/partners/x',
		fields: [],
		params: () => ({ id: partnerId }),
		unchangedOnRefusal: rows(table.partner),
		run: (e) => adminPartner.actions.delete(e as never)
	}
];

/** Form posts covered elsewhere in this file, or not form actions to fuzz, with the reason. */
const COVERED_ELSEWHERE: Record<string, string> = {
	'POST /api/sync': 'its own properties below',
	'POST /embed/account': 'its own property below (reads only headers)'
};

describe('the list of form actions', () => {
	it('has a case for every POST in src/routes, and none for a POST that is gone', () => {
		const posts = listRoutes().filter((k) => k.startsWith('POST '));
		const known = new Set([...CASES.map((c) => c.key), ...Object.keys(COVERED_ELSEWHERE)]);
		expect(
			posts.filter((k) => !known.has(k)),
			'actions without a case'
		).toEqual([]);
		expect(
			[...known].filter((k) => !posts.includes(k)),
			'cases for actions that are gone'
		).toEqual([]);
	});
});

describe('every form action, given random and hostile input', () => {
	for (const c of CASES)
		it(
			`${c.key}: never a 500, never a half-made record`,
			async () => {
				const form = c.form?.() ?? formFor(c.fields.length ? c.fields : ['x'], c.values?.());
				await fc.assert(
					fc.asyncProperty(
						form,
						visitor,
						// Ids in the URL: the real one or anything at all.
						fc.option(text, { freq: 2 }),
						async (form, who, param) => {
							const real = (await c.params?.()) ?? {};
							const params = Object.fromEntries(
								Object.entries(real).map(([k, v]) => [k, param ?? v])
							);
							const before = await c.unchangedOnRefusal?.();
							const status = await statusOf(() =>
								c.run(eventFor(c.path, form, visitors[who], params))
							);
							expect(status).toBeLessThan(500);
							if (status >= 400 && c.unchangedOnRefusal)
								expect(await c.unchangedOnRefusal(), `refused with ${status}`).toEqual(before);
						}
					),
					{ numRuns: RUNS }
				);
				await expectNoPartialRecords();
			},
			20_000 + RUNS * 300
		);
});

describe('bulk import of participants', () => {
	it('creates exactly the rows it reports, and nothing for a refused row', async () => {
		let createdSome = false;
		let refusedSome = false;
		await fc.assert(
			fc.asyncProperty(participantCsv, async (csv) => {
				const before = await rows(table.user)();
				const form = { fields: [['csv', csv]] as [string, string][], raw: null };
				let result: unknown;
				const status = await statusOf(async () => {
					result = await participants.actions.default(
						eventFor('/trainer/cohorts/x/participants', form, trainerUser, {
							id: cohortId
						}) as never
					);
					return result;
				});
				expect([200, 400]).toContain(status);
				const data = (isActionFailure(result) ? result.data : result) as {
					created?: { id: string }[];
					refused?: { phone: string }[];
				};
				const created = data.created ?? [];
				expect((await rows(table.user)()) - before).toBe(created.length);
				for (const c of created) expect(await memberOf(c.id)).toBe(true);
				createdSome ||= created.length > 0;
				refusedSome ||= (data.refused ?? []).length > 0;
			}),
			// One known mix of a good and a refused row, so both paths run whatever the seed.
			{
				numRuns: Math.ceil(RUNS / 2),
				examples: [
					['nama;hp;usaha;desa\r\nBu Lestari;081355501234;Ledre Bu Lestari;Padangan\r\n=1+2;0813;;']
				]
			}
		);
		expect(createdSome && refusedSome, 'both good and bad rows were sent').toBe(true);
	});
	const memberOf = async (userId: string) =>
		(await db.select().from(table.cohortMember).where(eq(table.cohortMember.userId, userId))).some(
			(m) => m.cohortId === cohortId
		);
});

describe('/embed/account, given hostile headers', () => {
	const header = fc.oneof(
		fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }),
		// Stand-ins for the real embed token and a real session, filled in when run.
		fc.constantFrom(
			'EMBED',
			'SESSION',
			'Bearer x',
			'Bearer ' + 'a'.repeat(64),
			"Bearer ' OR 1=1 --"
		)
	);
	const real = (v: string) =>
		v === 'EMBED' ? embedToken : v === 'SESSION' ? `Bearer ${learnerToken}` : v;
	it('answers 204 or 401, never a 500', async () => {
		const seen = new Set<number>();
		// Someone new: the cases above may have disabled the learner or ended their sessions.
		const wati = await makeUser('Wati', 'wati@contoh.id', 'learner');
		learnerToken = generateSessionToken();
		await createSession(learnerToken, wati.id);
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(fc.tuple(header, header), fc.constant(['EMBED', 'SESSION'] as const)),
				async ([embed, bearer]) => {
					const request = new Request('http://localhost/embed/account', {
						method: 'POST',
						headers: { 'x-naik-kelas-embed': real(embed), authorization: real(bearer) }
					});
					const status = await statusOf(async () => {
						const r = await embedAccount({
							request,
							cookies: fakeCookies()
						} as unknown as Parameters<typeof embedAccount>[0]);
						return r.status === 204 ? 200 : r.status;
					});
					expect([200, 401]).toContain(status);
					seen.add(status);
				}
			),
			{ numRuns: RUNS }
		);
		expect([...seen].sort(), 'a real pair of tokens was accepted').toEqual([200, 401]);
	});
});

describe('the quiz, given answers that look almost right', () => {
	/** A plausible answer for each question (right, wrong or out of range), or hostile text. */
	const answer = (q: NonNullable<ReturnType<typeof findQuiz>>['questions'][number]) =>
		fc.oneof(
			{ weight: 30, arbitrary: plausible(q) },
			{ weight: 1, arbitrary: text.map((t) => [t]) },
			{ weight: 1, arbitrary: fc.constant([] as string[]) }
		);
	function plausible(q: NonNullable<ReturnType<typeof findQuiz>>['questions'][number]) {
		if (q.kind === 'truefalse') return fc.constantFrom(['true'], ['false']);
		if (q.kind === 'numeric')
			return fc
				.oneof(
					fc.integer(),
					fc.double(),
					fc.constantFrom('12.500', '1e309', '-0', 'NaN', 'Rp 5.000')
				)
				.map((n) => [typeof n === 'number' ? n.toLocaleString('id-ID') : n]);
		const ids = q.options.map((o) => o.id);
		return q.kind === 'single'
			? fc.constantFrom(...ids).map((id) => [id])
			: fc.subarray(ids, { minLength: 1 });
	}
	const quiz = findQuiz('manajemen-usaha')!;

	it('grades and records whole attempts or refuses with 400, never in between', async () => {
		const seen = new Set<number>();
		await fc.assert(
			fc.asyncProperty(fc.tuple(...quiz.questions.map(answer)), async (answers) => {
				const before = (await db.select({ n: count() }).from(table.quizAttempt))[0].n;
				const fields = quiz.questions.flatMap((q, i) =>
					answers[i].map((a) => [`q.${q.id}`, a] as [string, string])
				);
				const status = await statusOf(() =>
					quizPage.actions.default(
						eventFor('/courses/manajemen-usaha/quiz', { fields, raw: null }, learner, {
							course: 'manajemen-usaha'
						}) as never
					)
				);
				const after = (await db.select({ n: count() }).from(table.quizAttempt))[0].n;
				seen.add(status);
				expect([200, 400]).toContain(status);
				expect(after - before).toBe(status === 200 ? 1 : 0);
			}),
			{ numRuns: RUNS }
		);
		// Both paths were taken: graded attempts and refusals.
		expect([...seen].sort()).toEqual([200, 400]);
	});
});

describe('/api/sync, given random and hostile bodies', () => {
	async function send(body: BodyInit, user: SessionUser | null) {
		const request = new Request('http://localhost/api/sync', { method: 'POST', body });
		const response = await sync({
			request,
			locals: { user, session: null },
			url: new URL(request.url),
			getClientAddress: () => `10.2.0.${address++ & 255}`
		} as unknown as Parameters<typeof sync>[0]);
		return { status: response.status, body: await response.json() };
	}
	const events = async () => (await db.select({ n: count() }).from(table.progressEvent))[0].n;

	const field = fc.oneof(
		text,
		fc.jsonValue({ maxDepth: 6 }),
		fc.constantFrom('lesson_completed', 'quiz_submitted', 'manajemen-usaha', 'menghitung-hpp'),
		fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
		fc.uuid()
	);
	const good = fc.record({
		id: fc.uuid({ version: 4 }),
		kind: fc.constantFrom('lesson_opened', 'lesson_completed'),
		course: fc.constant('manajemen-usaha'),
		lesson: fc.constantFrom('pembukuan-harian', 'menghitung-hpp'),
		at: fc.constant(new Date().toISOString())
	});
	const event = fc.oneof(
		{ weight: 3, arbitrary: good },
		fc.jsonValue({ maxDepth: 4 }),
		fc.record(
			{
				id: fc.oneof(fc.uuid(), text),
				kind: field,
				course: field,
				lesson: field,
				at: field,
				payload: field
			},
			{ requiredKeys: [] }
		)
	);
	const body = fc.oneof(
		{ weight: 1, arbitrary: text },
		fc.jsonValue({ maxDepth: 8 }).map((v) => JSON.stringify(v)),
		// Deeply nested arrays: a parser that recursed without bound would crash the worker.
		fc.integer({ min: 1000, max: 50_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
		// Well-formed batches (at most 50 events are taken) with good, bad and missing fields.
		{
			weight: 4,
			arbitrary: fc
				.record({
					deviceId: fc.oneof({ weight: 4, arbitrary: fc.uuid({ version: 4 }) }, text),
					events: fc.array(event, { maxLength: 55 })
				})
				.map((v) => JSON.stringify(v))
		},
		fc.record({ deviceId: text, events: field }, { requiredKeys: [] }).map((v) => JSON.stringify(v))
	);

	it('answers 200, 400 or 413 and stores exactly the events it says it stored', async () => {
		let storedSome = false;
		await fc.assert(
			fc.asyncProperty(body, visitor, async (text, who) => {
				const before = await events();
				const r = await send(text, visitors[who]);
				const after = await events();
				// 413: a huge string made the body larger than the limit.
				expect([200, 400, 413]).toContain(r.status);
				if (r.status !== 200) {
					expect(typeof r.body.error).toBe('string');
					expect(after).toBe(before);
				} else {
					// New ids are all stored; nothing beyond them appears.
					expect(after - before).toBeLessThanOrEqual(r.body.stored.length);
					if (after > before) storedSome = true;
					for (const id of r.body.stored) {
						const [row] = await db
							.select()
							.from(table.progressEvent)
							.where(eq(table.progressEvent.id, id));
						expect(row?.kind && row.course && row.deviceId).toBeTruthy();
					}
				}
			}),
			{ numRuns: RUNS * 2 }
		);
		expect(storedSome, 'some well-formed batches were stored').toBe(true);
	});

	it('refuses bodies that are not valid UTF-8 or JSON with 400, storing nothing', async () => {
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
				const before = await events();
				const r = await send(new Uint8Array([0xff, 0xfe, ...bytes, 0xc3]), null);
				expect(r.status).toBe(400);
				expect(await events()).toBe(before);
			}),
			{ numRuns: RUNS }
		);
	});
});
