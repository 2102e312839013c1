import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { awardCourseBadgeIfEarned } from '$lib/server/badges/award';
import { db, table, type Executor } from '$lib/server/db';
import { markLessonDone } from '$lib/server/progress';
import { recordAttempt } from '$lib/server/quiz/attempts';
import { quizAtVersion } from '$lib/server/quiz/bank';
import { gradeQuiz, validateAnswers, type GradedQuiz } from '$lib/server/quiz/grading';
import type { Progress, QuizResult, Rejected } from '$lib/sync/contract';
import { guestRoom, GUEST_LIMITS } from './guest-limits';
import type { SyncEvent } from './validate';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who a batch is recorded for. */
export type Identity = {
	/** The signed-in account, or null for a guest learning under `deviceId`. */
	userId: string | null;
	deviceId: string;
	/** The partner site whose embed sent the batch, so its progress counts for that partner. */
	partnerId?: string | null;
	/** Where badge credentials point (the public site). */
	baseUrl: string;
};

export type Recorded = {
	/** Ids the browser may drop as stored (new or seen before). */
	stored: string[];
	rejected: Rejected[];
	/** Grades of quizzes stored for the first time, with the full grading for the form action. */
	results: (QuizResult & { graded: GradedQuiz })[];
	awarded: { id: string; name: string }[];
	/** Guest events of this device that this batch handed to the account. */
	claimed: number;
};

/**
 * The one write path for progress: lesson completions, quiz attempts and badges, whether they
 * come from a phone's outbox (`/api/sync`) or from a form posted without JavaScript. Stores each
 * event at most once (by its id) in one transaction with its effects, claims the device's guest
 * events for a signed-in account, then awards the badges the touched courses may have earned.
 */
export async function record(
	batch: SyncEvent[],
	who: Identity,
	rejected: Rejected[] = []
): Promise<Recorded> {
	const { userId, deviceId } = who;
	const graded: { event: SyncEvent; graded: GradedQuiz }[] = [];
	let accepted: SyncEvent[] = [];
	for (const event of batch) {
		if (event.kind !== 'quiz_submitted') {
			accepted.push(event);
			continue;
		}
		// A graded quiz counts only for an account, against the version the learner saw.
		if (!userId) {
			rejected.push({ id: event.id, reason: 'login required for a graded quiz' });
			continue;
		}
		const quiz = await quizAtVersion(event.course, event.payload.version);
		if (!quiz) {
			rejected.push({ id: event.id, reason: 'unknown quiz version or malformed answers' });
			continue;
		}
		if (validateAnswers(quiz, event.payload.answers)) {
			rejected.push({ id: event.id, reason: 'answers do not fit the quiz' });
			continue;
		}
		accepted.push(event);
		graded.push({ event, graded: gradeQuiz(quiz, event.payload.answers) });
	}
	if (!userId && accepted.length) {
		// A guest's events wait on the server for a claim that may never come: keep a bounded few.
		const room = await guestRoom(deviceId);
		for (const event of accepted.slice(room))
			rejected.push({
				id: event.id,
				reason: `a device keeps at most ${GUEST_LIMITS.perDevice} events without an account`
			});
		accepted = accepted.slice(0, room);
	}

	const results: Recorded['results'] = [];
	const receivedAt = new Date();
	let claimed = 0;
	await db.transaction(async (tx) => {
		if (userId) claimed = await claimDevice(tx, userId, deviceId);
		if (!accepted.length) return;
		const fresh = new Set(
			(
				await tx
					.insert(table.progressEvent)
					.values(
						accepted.map((e) => ({
							id: e.id,
							deviceId,
							userId,
							partnerId: who.partnerId ?? null,
							kind: e.kind,
							course: e.course,
							lesson: e.lesson,
							payload: e.payload == null ? null : JSON.stringify(e.payload),
							occurredAt: e.at,
							receivedAt
						}))
					)
					.onConflictDoNothing()
					.returning({ id: table.progressEvent.id })
			).map((r) => r.id)
		);
		if (!userId) return;
		// Effects only for events seen for the first time: a replay changes nothing.
		for (const e of accepted)
			if (fresh.has(e.id) && e.kind === 'lesson_completed' && e.lesson)
				await markLessonDone(userId, e.course, e.lesson, e.at, tx);
		for (const { event, graded: result } of graded) {
			if (!fresh.has(event.id)) continue;
			await recordAttempt(userId, event.course, result, event.at, tx);
			results.push({
				id: event.id,
				score: result.score,
				passed: result.passed,
				passMark: result.passMark,
				graded: result
			});
		}
	});
	const awarded = userId
		? await awardAfter(userId, new Set(accepted.map((e) => e.course)), who.baseUrl)
		: [];
	return { stored: accepted.map((e) => e.id), rejected, results, awarded, claimed };
}

/** Called at sign-up and login with the device cookie: the guest's progress becomes the account's. */
export async function claimDeviceFor(userId: string, deviceId: string | undefined) {
	if (!deviceId || !UUID.test(deviceId)) return;
	await db.transaction((tx) => claimDevice(tx, userId, deviceId.toLowerCase()));
}

/** A guest's events on this device become the user's, and their completed lessons count. */
async function claimDevice(tx: Executor, userId: string, deviceId: string) {
	const claimed = await tx
		.update(table.progressEvent)
		.set({ userId })
		.where(and(eq(table.progressEvent.deviceId, deviceId), isNull(table.progressEvent.userId)))
		.returning();
	for (const e of claimed)
		if (e.kind === 'lesson_completed' && e.lesson)
			await markLessonDone(userId, e.course, e.lesson, e.occurredAt, tx);
	return claimed.length;
}

/** After the batch is safely stored: badges it may have completed (signing is slow; not in the transaction). */
async function awardAfter(userId: string, courses: Set<string>, baseUrl: string) {
	const awarded = [];
	for (const course of courses) {
		const badge = await awardCourseBadgeIfEarned(userId, course, baseUrl);
		if (badge) awarded.push({ id: badge.id, name: badge.name });
	}
	return awarded;
}

/**
 * What the device shows: completed lessons (the account's, or the guest device's), of the
 * given courses, or of every course when `courses` is 'all'.
 */
export async function progressOf(
	userId: string | null,
	deviceId: string,
	courses: Set<string> | 'all'
): Promise<Progress> {
	const done: Progress = {};
	if (courses !== 'all' && !courses.size) return done;
	const add = (course: string, lesson: string) => {
		const list = (done[course] ??= []);
		if (!list.includes(lesson)) list.push(lesson);
	};
	const lp = table.lessonProgress;
	const e = table.progressEvent;
	if (userId) {
		for (const r of await db
			.select({ course: lp.course, lesson: lp.lesson })
			.from(lp)
			.where(
				courses === 'all'
					? eq(lp.userId, userId)
					: and(eq(lp.userId, userId), inArray(lp.course, [...courses]))
			))
			add(r.course, r.lesson);
	} else {
		const rows = await db
			.select({ course: e.course, lesson: e.lesson })
			.from(e)
			.where(
				and(
					eq(e.deviceId, deviceId),
					isNull(e.userId),
					eq(e.kind, 'lesson_completed'),
					courses === 'all' ? undefined : inArray(e.course, [...courses])
				)
			);
		for (const r of rows) if (r.lesson) add(r.course, r.lesson);
	}
	return done;
}

/**
 * The device a form posted without JavaScript writes under: the phone's own (its `nk-device`
 * cookie, set once the page's script has run), or one fixed per account, so that a learner
 * who never runs JavaScript does not appear as a new device with every form.
 */
export function formDeviceId(userId: string, deviceCookie: string | undefined) {
	if (deviceCookie && UUID.test(deviceCookie)) return deviceCookie.toLowerCase();
	const hex = createHash('sha256').update(`form-device:${userId}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
