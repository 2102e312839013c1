import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import { db, ensureDatabase, table } from '$lib/server/db';
import { findQuiz, quizVersion, rememberQuizVersion } from '$lib/server/quiz/bank';
import { POST } from '../../src/routes/api/sync/+server';

type User = { id: string; name: string; role: 'learner' };
let sri: User;
const COURSE = 'manajemen-usaha';
const LESSONS = ['pisahkan-uang-usaha', 'pembukuan-harian', 'menghitung-hpp'];
const phoneA = crypto.randomUUID();
const phoneB = crypto.randomUUID();

async function sync(body: unknown, user: User | null = null) {
	const request = new Request('http://localhost/api/sync', {
		method: 'POST',
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	const response = await POST({
		request,
		locals: { user, session: null },
		url: new URL(request.url)
	} as unknown as Parameters<typeof POST>[0]);
	return { status: response.status, body: await response.json() };
}

const event = (kind: string, lesson: string | null, at = new Date(), extra: object = {}) => ({
	id: crypto.randomUUID(),
	kind,
	course: COURSE,
	lesson,
	at: at.toISOString(),
	...extra
});

const stored = async () => (await db.select({ n: count() }).from(table.progressEvent))[0].n;
const doneLessons = async (userId: string) =>
	(await db.select().from(table.lessonProgress).where(eq(table.lessonProgress.userId, userId)))
		.map((r) => r.lesson)
		.sort();

beforeAll(async () => {
	await ensureDatabase();
	const r = await registerUser({
		name: 'Sri',
		contact: '0812 9999 0001',
		password: 'ledre pisang raja',
		confirm: 'ledre pisang raja'
	});
	sri = { id: r.user!.id, name: 'Sri', role: 'learner' };
});

describe('/api/sync', () => {
	it('stores each event once: duplicates in a batch and replays of a batch change nothing', async () => {
		const batch = [event('lesson_opened', LESSONS[0]), event('lesson_completed', LESSONS[0])];
		const first = await sync({ deviceId: phoneA, events: [...batch, batch[1]] }, sri);
		expect(first.status).toBe(200);
		expect(first.body.stored.sort()).toEqual(batch.map((e) => e.id).sort());
		expect(first.body.progress[COURSE]).toEqual([LESSONS[0]]);
		const before = await stored();
		const replay = await sync({ deviceId: phoneA, events: batch }, sri);
		expect(replay.body.stored.sort()).toEqual(batch.map((e) => e.id).sort());
		expect(await stored()).toBe(before);
	});

	it('gives the same progress whatever the order batches arrive in, from two devices', async () => {
		const later = event('lesson_completed', LESSONS[2], new Date(Date.now() - 1000));
		const earlier = event('lesson_completed', LESSONS[1], new Date(Date.now() - 60_000));
		await sync({ deviceId: phoneB, events: [later] }, sri);
		const out = await sync({ deviceId: phoneA, events: [earlier] }, sri);
		expect(out.body.progress[COURSE].sort()).toEqual([...LESSONS].sort());
		expect(await doneLessons(sri.id)).toEqual([...LESSONS].sort());
	});

	it('keeps a guest’s progress under the device and gives it to the account that signs in there', async () => {
		const guestPhone = crypto.randomUUID();
		const e = event('lesson_completed', 'menentukan-harga-jual');
		const guest = await sync({ deviceId: guestPhone, events: [e] });
		expect(guest.body.progress).toEqual({ [COURSE]: ['menentukan-harga-jual'] });
		const r = await registerUser({
			name: 'Yati',
			contact: '0812 9999 0002',
			password: 'keripik tempe kapas',
			confirm: 'keripik tempe kapas'
		});
		const yati: User = { id: r.user!.id, name: 'Yati', role: 'learner' };
		expect(await doneLessons(yati.id)).toEqual([]);
		const claimed = await sync({ deviceId: guestPhone, events: [] }, yati);
		expect(claimed.body.progress).toEqual({ [COURSE]: ['menentukan-harga-jual'] });
		// the same device syncing the same event again adds nothing
		const before = await stored();
		await sync({ deviceId: guestPhone, events: [e] }, yati);
		expect(await stored()).toBe(before);
		expect(await doneLessons(yati.id)).toEqual(['menentukan-harga-jual']);
	});

	it('grades an offline quiz at sync time against the version the learner saw, once', async () => {
		await rememberQuizVersion(COURSE);
		const quiz = findQuiz(COURSE)!;
		const answers = Object.fromEntries(
			quiz.questions.map((q) => [q.id, Array.isArray(q.answer) ? q.answer : [String(q.answer)]])
		);
		const submitted = event('quiz_submitted', null, new Date(), {
			payload: { answers, version: quizVersion(COURSE) }
		});
		const out = await sync({ deviceId: phoneA, events: [submitted] }, sri);
		expect(out.body.results).toEqual([
			{ id: submitted.id, score: 100, passed: true, passMark: 70 }
		]);
		const again = await sync({ deviceId: phoneA, events: [submitted] }, sri);
		expect(again.body.results).toEqual([]);
		const [{ n }] = await db.select({ n: count() }).from(table.quizAttempt);
		expect(n).toBe(1);
	});

	it('lists each bad event with its reason and stores the good ones', async () => {
		const good = event('lesson_opened', LESSONS[0]);
		const future = event('lesson_completed', LESSONS[0], new Date(Date.now() + 24 * 3600 * 1000));
		const out = await sync(
			{
				deviceId: phoneA,
				events: [
					good,
					{ ...event('lesson_done', LESSONS[0]) },
					{ ...event('lesson_opened', LESSONS[0]), id: 'not-a-uuid' },
					future,
					event('lesson_opened', 'pelajaran-tidak-ada'),
					event('quiz_submitted', null, new Date(), { payload: { answers: {}, version: 'lama' } })
				]
			},
			sri
		);
		expect(out.status).toBe(200);
		expect(out.body.stored).toEqual([good.id]);
		expect(out.body.rejected.map((r: { reason: string }) => r.reason)).toEqual([
			'unknown kind',
			'id is not a UUID',
			'at is in the future',
			'unknown lesson',
			'unknown quiz version or malformed answers'
		]);
	});

	it('refuses a malformed request whole with a 400 and stores nothing', async () => {
		const before = await stored();
		for (const [body, error] of [
			['{not json', 'body is not JSON'],
			[{ deviceId: 'x', events: [] }, 'deviceId: expected'],
			[
				{
					deviceId: phoneA,
					events: Array.from({ length: 51 }, () => event('lesson_opened', LESSONS[0]))
				},
				'at most 50 events'
			],
			['x'.repeat(70_000), 'body larger than']
		] as const) {
			const out = await sync(body);
			expect(out.status).toBe(400);
			expect(out.body.error).toContain(error);
		}
		expect(await stored()).toBe(before);
	});

	it('refuses a deeply nested payload with a 400 that says why, never a 500', async () => {
		const before = await stored();
		for (const depth of [30_000, 200]) {
			const deep = '['.repeat(depth) + ']'.repeat(depth);
			const opened = event('lesson_opened', LESSONS[0]);
			const text = JSON.stringify({ deviceId: phoneA, events: [{ ...opened, payload: 0 }] });
			const out = await sync(text.replace('"payload":0', `"payload":${deep}`));
			expect(out.status).toBe(400);
			expect(out.body.error).toContain('nested');
		}
		expect(await stored()).toBe(before);
	});
});
