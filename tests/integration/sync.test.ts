import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import { db, ensureDatabase, table } from '$lib/server/db';
import { GUEST_LIMITS, pruneGuestEvents } from '$lib/server/sync/guest-limits';
import { findQuiz, quizVersion, rememberQuizVersion } from '$lib/server/quiz/bank';
import { POST } from '../../src/routes/api/sync/+server';

type User = { id: string; name: string; role: 'learner' };
let sri: User;
const COURSE = 'manajemen-usaha';
const LESSONS = ['pisahkan-uang-usaha', 'pembukuan-harian', 'menghitung-hpp'];
const phoneA = crypto.randomUUID();
const phoneB = crypto.randomUUID();

async function sync(body: unknown, user: User | null = null, address = '10.9.0.1') {
	const request =
		body instanceof Request
			? body
			: new Request('http://localhost/api/sync', {
					method: 'POST',
					body: typeof body === 'string' ? body : JSON.stringify(body)
				});
	const response = await POST({
		request,
		locals: { user, session: null },
		url: new URL(request.url),
		getClientAddress: () => address
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
			]
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

	it('answers with the progress of the courses the batch touched; everything when it claims the device', async () => {
		const other = {
			...event('lesson_opened', null),
			course: 'pemasaran-digital',
			lesson: 'whatsapp-business'
		};
		const out = await sync({ deviceId: phoneA, events: [other] }, sri);
		expect(out.body.stored).toEqual([other.id]);
		expect(out.body.full).toBe(false);
		expect(Object.keys(out.body.progress)).toEqual([]);
		const touched = await sync(
			{ deviceId: phoneA, events: [event('lesson_opened', LESSONS[0])] },
			sri
		);
		expect(Object.keys(touched.body.progress)).toEqual([COURSE]);
		const claim = await sync({ deviceId: phoneA, events: [], claim: true }, sri);
		expect(claim.body.full).toBe(true);
		expect(claim.body.progress[COURSE].length).toBeGreaterThan(0);
	});

	it('answers a 12 MB body 413 at once, reading no more than the limit of it', async () => {
		const MB = 1024 * 1024;
		let pulled = 0;
		const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
		// A phone (or an attacker) streaming 12 MB without saying how long it is.
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (pulled >= 12 * MB) return controller.close();
				pulled += chunk.byteLength;
				controller.enqueue(chunk);
			}
		});
		const streamed = new Request('http://localhost/api/sync', {
			method: 'POST',
			body: stream,
			duplex: 'half'
		} as RequestInit);
		const out = await sync(streamed);
		expect(out.status).toBe(413);
		expect(out.body.error).toContain('body larger than 65536 bytes');
		expect(pulled).toBeLessThan(512 * 1024);

		// One that says its length up front is refused unread.
		pulled = 0;
		const declared = new Request('http://localhost/api/sync', {
			method: 'POST',
			headers: { 'content-length': String(12 * MB) },
			body: new ReadableStream<Uint8Array>({
				pull(controller) {
					if (pulled >= 12 * MB) return controller.close();
					pulled += chunk.byteLength;
					controller.enqueue(chunk);
				}
			}),
			duplex: 'half'
		} as RequestInit);
		expect((await sync(declared)).status).toBe(413);
		// (At most the one chunk a stream reads ahead by itself.)
		expect(pulled).toBeLessThanOrEqual(chunk.byteLength);
	});

	it('takes no payload where a kind has none, and caps the others', async () => {
		const big = 'x'.repeat(6000);
		const out = await sync({
			deviceId: phoneA,
			events: [
				{ ...event('lesson_opened', LESSONS[0]), payload: big },
				{ ...event('lesson_completed', LESSONS[0]), payload: { note: 'x' } },
				event('practice_answered', LESSONS[0], new Date(), {
					payload: { question: big, choice: 1, correct: true }
				}),
				event('practice_answered', LESSONS[0], new Date(), {
					payload: { question: 'Berapa HPP?', choice: 1, correct: true, extra: big }
				})
			]
		});
		expect(out.status).toBe(200);
		expect(out.body.stored).toEqual([]);
		expect(out.body.rejected.map((r: { reason: string }) => r.reason)).toEqual([
			'this kind carries no payload',
			'this kind carries no payload',
			'malformed practice answer',
			'malformed practice answer'
		]);
	});
});

describe('/api/sync without an account: bounded storage', () => {
	const dbBytes = async () => {
		const [{ page_count }] = (await db.all(sql`PRAGMA page_count`)) as { page_count: number }[];
		const [{ page_size }] = (await db.all(sql`PRAGMA page_size`)) as { page_size: number }[];
		return page_count * page_size;
	};
	const practice = (deviceId: string) => ({
		deviceId,
		events: Array.from({ length: 50 }, () =>
			event('practice_answered', LESSONS[0], new Date(), {
				payload: { question: 'q'.repeat(300), choice: 3, correct: false }
			})
		)
	});

	it('lets one address add only a bounded amount in a minute of guest sync', async () => {
		const before = await dbBytes();
		const statuses = new Map<number, number>();
		let storedEvents = 0;
		// A minute of the request limit (600), each a full batch of the largest guest events,
		// each from a new device id.
		for (let i = 0; i < 600; i++) {
			const out = await sync(practice(crypto.randomUUID()), null, '10.66.0.1');
			statuses.set(out.status, (statuses.get(out.status) ?? 0) + 1);
			if (out.status === 200) storedEvents += out.body.stored.length;
		}
		const grown = (await dbBytes()) - before;
		console.log(`a minute of guest sync from one address: ${storedEvents} events, ${grown} bytes`);
		expect(storedEvents).toBe(GUEST_LIMITS.perAddress.max);
		expect(statuses.get(429)).toBeGreaterThan(500);
		expect(grown).toBeLessThan(2 * 1024 * 1024);
		// Another address (another village hall) is not affected.
		expect((await sync(practice(crypto.randomUUID()), null, '10.66.0.2')).status).toBe(200);
	}, 120_000);

	it('keeps at most the cap of guest events per device, and says so', async () => {
		const device = crypto.randomUUID();
		let stored = 0;
		let reasons = new Set<string>();
		for (let i = 0; stored < GUEST_LIMITS.perDevice + 50 && i < 60; i++) {
			const out = await sync(practice(device), null, `10.67.0.${i}`);
			stored += out.body.stored.length;
			reasons = new Set(out.body.rejected.map((r: { reason: string }) => r.reason));
			if (reasons.size) break;
		}
		expect(stored).toBe(GUEST_LIMITS.perDevice);
		expect([...reasons]).toEqual([
			`a device keeps at most ${GUEST_LIMITS.perDevice} events without an account`
		]);
	});

	it('forgets guest events of devices silent for the retention period, and nothing else', async () => {
		const day = 24 * 60 * 60 * 1000;
		const old = new Date(Date.now() - (GUEST_LIMITS.keepDays + 1) * day);
		const recent = new Date(Date.now() - day);
		const row = (deviceId: string, receivedAt: Date, userId: string | null = null) => ({
			id: crypto.randomUUID(),
			deviceId,
			userId,
			kind: 'lesson_completed' as const,
			course: COURSE,
			lesson: LESSONS[0],
			occurredAt: receivedAt,
			receivedAt
		});
		const silent = crypto.randomUUID();
		const active = crypto.randomUUID();
		await db
			.insert(table.progressEvent)
			.values([
				row(silent, old),
				row(silent, old),
				row(active, old),
				row(active, recent),
				row(crypto.randomUUID(), old, sri.id)
			]);
		const before = await stored();
		await pruneGuestEvents();
		expect(await stored()).toBe(before - 2);
		const left = await db
			.select()
			.from(table.progressEvent)
			.where(eq(table.progressEvent.deviceId, silent));
		expect(left).toEqual([]);
	});
});
