import { and, eq, inArray, isNull } from 'drizzle-orm';
import { awardCourseBadgeIfEarned } from '$lib/server/badges/award';
import { db, table, type Executor } from '$lib/server/db';
import { markLessonDone } from '$lib/server/progress';
import { recordAttempt } from '$lib/server/quiz/attempts';
import { quizAtVersion } from '$lib/server/quiz/bank';
import { gradeQuiz, validateAnswers, type Answers } from '$lib/server/quiz/grading';
import type { Rejected, SyncEvent } from './validate';

export type QuizResult = { id: string; score: number; passed: boolean; passMark: number };

type QuizPayload = { answers: Answers; version: string };

function quizPayload(payload: unknown): QuizPayload | null {
	const p = payload as Partial<QuizPayload> | null;
	if (!p || typeof p.version !== 'string' || typeof p.answers !== 'object' || !p.answers)
		return null;
	const ok = Object.values(p.answers).every(
		(a) => Array.isArray(a) && a.every((x) => typeof x === 'string')
	);
	return ok ? (p as QuizPayload) : null;
}

/**
 * Stores a batch at most once per event id, in one transaction with its effects (lesson
 * progress, graded quiz attempts), and claims the device's guest events for a signed-in user.
 * Returns the ids the browser may drop: the stored ones (new or seen before) and the rejected.
 */
export async function ingest(
	userId: string | null,
	deviceId: string,
	events: SyncEvent[],
	rejected: Rejected[],
	/** The partner site whose embed sent the batch, so its progress counts for that partner. */
	partnerId: string | null = null
) {
	const graded: {
		event: SyncEvent;
		quiz: Awaited<ReturnType<typeof quizAtVersion>>;
		payload: QuizPayload;
	}[] = [];
	const accepted: SyncEvent[] = [];
	for (const event of events) {
		if (event.kind !== 'quiz_submitted') {
			accepted.push(event);
			continue;
		}
		// A graded quiz counts only for an account, against the version the learner saw.
		if (!userId) {
			rejected.push({ id: event.id, reason: 'login required for a graded quiz' });
			continue;
		}
		const payload = quizPayload(event.payload);
		const quiz = payload && (await quizAtVersion(event.course, payload.version));
		if (!payload || !quiz) {
			rejected.push({ id: event.id, reason: 'unknown quiz version or malformed answers' });
			continue;
		}
		const problem = validateAnswers(quiz, payload.answers);
		if (problem) {
			rejected.push({ id: event.id, reason: 'answers do not fit the quiz' });
			continue;
		}
		accepted.push(event);
		graded.push({ event, quiz, payload });
	}

	const results: QuizResult[] = [];
	const receivedAt = new Date();
	await db.transaction(async (tx) => {
		if (userId) await claimDevice(tx, userId, deviceId);
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
							partnerId,
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
		// Effects only for events seen for the first time: a replay changes nothing.
		for (const e of accepted) {
			if (!fresh.has(e.id) || !userId) continue;
			if (e.kind === 'lesson_completed')
				await markLessonDone(userId, e.course, e.lesson!, e.at, tx);
		}
		for (const { event, quiz, payload } of graded) {
			if (!fresh.has(event.id)) continue;
			const result = gradeQuiz(quiz!, payload.answers);
			await recordAttempt(userId!, event.course, result, event.at, tx);
			results.push({
				id: event.id,
				score: result.score,
				passed: result.passed,
				passMark: result.passMark
			});
		}
	});
	return { stored: accepted.map((e) => e.id), results };
}

/** Called at sign-up and login with the device cookie: the guest's progress becomes the account's. */
export async function claimDeviceFor(userId: string, deviceId: string | undefined) {
	if (!deviceId || !/^[0-9a-f-]{36}$/i.test(deviceId)) return;
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
}

/** After the batch is safely stored: badges it may have completed (signing is slow; not in the transaction). */
export async function awardAfterSync(userId: string, courses: Set<string>, baseUrl: string) {
	const awarded = [];
	for (const course of courses) {
		const badge = await awardCourseBadgeIfEarned(userId, course, baseUrl);
		if (badge) awarded.push({ id: badge.id, name: badge.name });
	}
	return awarded;
}

/** What the device shows: completed lessons per course (the account's, or the guest device's). */
export async function progressSummary(userId: string | null, deviceId: string) {
	const done: Record<string, string[]> = {};
	const add = (course: string, lesson: string) => {
		const list = (done[course] ??= []);
		if (!list.includes(lesson)) list.push(lesson);
	};
	if (userId) {
		for (const r of await db
			.select()
			.from(table.lessonProgress)
			.where(eq(table.lessonProgress.userId, userId)))
			add(r.course, r.lesson);
	} else {
		const rows = await db
			.select({ course: table.progressEvent.course, lesson: table.progressEvent.lesson })
			.from(table.progressEvent)
			.where(
				and(
					eq(table.progressEvent.deviceId, deviceId),
					isNull(table.progressEvent.userId),
					inArray(table.progressEvent.kind, ['lesson_completed'])
				)
			);
		for (const r of rows) if (r.lesson) add(r.course, r.lesson);
	}
	return done;
}
