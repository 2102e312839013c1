import { isActionFailure, isHttpError, isRedirect, type Cookies } from '@sveltejs/kit';
import { count, eq, like, not, or } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import type { SessionUser } from '$lib/server/auth/session';
import { db, ensureDatabase, table } from '$lib/server/db';
import { KECAMATAN } from '$lib/bojonegoro';
import { findQuiz } from '$lib/server/quiz/bank';
import * as account from '../../src/routes/account/+page.server';
import * as adminUsers from '../../src/routes/admin/users/+page.server';
import { POST as sync } from '../../src/routes/api/sync/+server';
import * as lesson from '../../src/routes/courses/[course]/[lesson]/+page.server';
import * as quizPage from '../../src/routes/courses/[course]/quiz/+page.server';
import * as join from '../../src/routes/join/[code]/+page.server';
import * as language from '../../src/routes/language/+page.server';
import * as login from '../../src/routes/login/+page.server';
import * as logout from '../../src/routes/logout/+page.server';
import * as register from '../../src/routes/register/+page.server';
import * as setup from '../../src/routes/setup/+page.server';
import * as trainer from '../../src/routes/trainer/+page.server';
import * as decide from '../../src/routes/trainer/reviews/[id]/+page.server';
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

type Form = { fields: [string, string][]; raw: string | null };
/** The fields an action reads, plus random extra ones; sometimes a body of broken bytes. */
const formFor = (names: string[], values: fc.Arbitrary<string> = text) =>
	fc.record({
		fields: fc
			.tuple(
				fc.tuple(...names.map((n) => fc.tuple(fc.constant(n), values))),
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
	const body = form.raw ?? new URLSearchParams(form.fields).toString();
	const request = new Request(url, {
		method: 'POST',
		body,
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
	for (const c of cohorts) expect(c.name.trim()).not.toBe('');
	const evidence = await db.select().from(table.evidence);
	for (const e of evidence) expect(e.value).not.toBe('');
}

beforeAll(async () => {
	await ensureDatabase();
	learner = await makeUser('Sri', '0812 7000 0001', 'learner');
	trainerUser = await makeUser('Tutik', '0812 7000 0002', 'trainer');
	admin = await makeUser('Admin', '0812 7000 0003', 'admin');
	visitors = [null, learner, trainerUser, admin];
});

const visitor = fc.integer({ min: 0, max: 3 });

type Case = {
	name: string;
	path: string;
	fields: string[];
	params?: Record<string, string>;
	run: (event: ReturnType<typeof eventFor>) => unknown;
};

const CASES: Case[] = [
	{
		name: 'register',
		path: '/register',
		fields: ['name', 'contact', 'password', 'confirm'],
		run: (e) => register.actions.default(e as never)
	},
	{
		name: 'login',
		path: '/login',
		fields: ['contact', 'password'],
		run: (e) => login.actions.default(e as never)
	},
	{
		name: 'setup',
		path: '/setup',
		fields: ['name', 'contact', 'password', 'confirm'],
		run: (e) => setup.actions.default(e as never)
	},
	{ name: 'logout', path: '/logout', fields: [], run: (e) => logout.actions.default(e as never) },
	{
		name: 'language',
		path: '/language',
		fields: ['locale', 'next'],
		run: (e) => language.actions.switch(e as never)
	},
	{
		name: 'account business',
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
		run: (e) => account.actions.business(e as never)
	},
	{
		name: 'account evidence',
		path: '/account',
		fields: ['tier', 'item', 'value'],
		run: (e) => account.actions.evidence(e as never)
	},
	{
		name: 'account review',
		path: '/account',
		fields: ['tier'],
		run: (e) => account.actions.review(e as never)
	},
	{
		name: 'account password',
		path: '/account',
		fields: ['current', 'password', 'confirm'],
		run: (e) => account.actions.password(e as never)
	},
	{
		name: 'admin role',
		path: '/admin/users',
		fields: ['userId', 'role'],
		run: (e) => adminUsers.actions.role(e as never)
	},
	{
		name: 'trainer create',
		path: '/trainer',
		fields: ['name'],
		run: (e) => trainer.actions.create(e as never)
	},
	{
		name: 'review decide',
		path: '/trainer/reviews/x',
		fields: ['decision', 'note'],
		params: { id: 'x' },
		run: (e) => decide.actions.decide(e as never)
	},
	{
		name: 'badge revoke',
		path: '/verify/x',
		fields: ['reason'],
		params: { id: 'x' },
		run: (e) => revoke.actions.revoke(e as never)
	},
	{
		name: 'join',
		path: '/join/x',
		fields: [],
		params: { code: 'x' },
		run: (e) => join.actions.default(e as never)
	},
	{
		name: 'lesson complete',
		path: '/courses/manajemen-usaha/menghitung-hpp',
		fields: [],
		params: { course: 'manajemen-usaha', lesson: 'menghitung-hpp' },
		run: (e) => lesson.actions.complete(e as never)
	},
	{
		name: 'quiz submit',
		path: '/courses/manajemen-usaha/quiz',
		fields: ['order', ...QUESTIONS],
		params: { course: 'manajemen-usaha' },
		run: (e) => quizPage.actions.default(e as never)
	}
];

describe('every form action, given random and hostile input', () => {
	for (const c of CASES)
		it(
			`${c.name}: never a 500, never a half-made record`,
			async () => {
				await fc.assert(
					fc.asyncProperty(
						formFor(c.fields.length ? c.fields : ['x']),
						visitor,
						// Ids in the URL: the real one or anything at all.
						fc.option(text, { freq: 2 }),
						async (form, who, param) => {
							const params = Object.fromEntries(
								Object.entries(c.params ?? {}).map(([k, v]) => [k, param ?? v])
							);
							const status = await statusOf(() =>
								c.run(eventFor(c.path, form, visitors[who], params))
							);
							expect(status).toBeLessThan(500);
						}
					),
					{ numRuns: RUNS }
				);
				await expectNoPartialRecords();
			},
			20_000 + RUNS * 300
		);
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

	it('answers 200 or 400 and stores exactly the events it says it stored', async () => {
		let storedSome = false;
		await fc.assert(
			fc.asyncProperty(body, visitor, async (text, who) => {
				const before = await events();
				const r = await send(text, visitors[who]);
				const after = await events();
				expect([200, 400]).toContain(r.status);
				if (r.status === 400) {
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
