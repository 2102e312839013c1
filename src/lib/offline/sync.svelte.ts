import * as v from 'valibot';
import { SyncError, SyncResponse, type QuizResult } from '$lib/sync/contract';
import {
	type Activity,
	count,
	deviceId,
	enqueue,
	getMeta,
	markDoneLocally,
	newEvent,
	oldest,
	remove,
	setMeta
} from './outbox';

/** What the status line and pages show about sending progress. */
export const syncState = $state({
	pending: 0,
	online: true,
	lastSync: null as number | null,
	/** Grades of quizzes submitted offline, by event id, once the server has graded them. */
	results: {} as Record<string, QuizResult>,
	awarded: [] as { id: string; name: string }[]
});

/** Extra headers for every batch: inside a partner's embed, its session token (see embed/bridge). */
export const syncHeaders: Record<string, string> = {};

const BATCH = 20;
const OFFLINE_RETRY_MS = 10_000;
let flushing: Promise<void> | null = null;
/** Something was recorded while a flush was on its way: it goes out in the same flush. */
let flushAgain = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let backoffMs = 0;
/** The account this device's guest progress must be handed to, until the server has done it. */
let claimFor: string | null = null;

function scheduleRetry(ms: number) {
	clearTimeout(retryTimer);
	retryTimer = setTimeout(() => void flush(), ms);
}

/** Something the first batch must wait for (an embed restoring its linked account). */
let before: Promise<unknown> = Promise.resolve();
export function syncAfter(ready: Promise<unknown>) {
	before = ready.catch(() => undefined);
}

async function sendOnce(): Promise<boolean> {
	await before;
	const events = await oldest(BATCH);
	if (!events.length && !claimFor) return false;
	const response = await fetch('/api/sync', {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...syncHeaders },
		body: JSON.stringify({ deviceId: await deviceId(), events, claim: !!claimFor })
	});
	if (response.status === 429 || response.status >= 500) {
		const retryAfter = Number(response.headers.get('retry-after'));
		backoffMs =
			retryAfter > 0 ? retryAfter * 1000 : Math.min(Math.max(backoffMs * 2, 2000), 300_000);
		scheduleRetry(backoffMs);
		return false;
	}
	if (!response.ok) {
		// The server refused the whole batch as malformed: it never will take it. Drop it, say why.
		const refusal = v.safeParse(SyncError, await response.json().catch(() => null));
		console.warn('sync refused', refusal.success ? refusal.output.error : response.status);
		await remove(events.map((e) => e.id));
		return events.length === BATCH;
	}
	// Anything but the contract's answer (a Wi-Fi login page, say) throws: the events stay and
	// the flush is tried again later, as when offline.
	const body = v.parse(SyncResponse, await response.json());
	await remove([...body.stored, ...body.rejected.flatMap((r) => (r.id ? [r.id] : []))]);
	for (const result of body.results) syncState.results[result.id] = result;
	syncState.awarded.push(...body.awarded);
	for (const [course, lessons] of Object.entries(body.progress))
		for (const lesson of lessons) await markDoneLocally(course, lesson);
	if (claimFor) await setMeta('claimedBy', claimFor);
	claimFor = null;
	backoffMs = 0;
	syncState.lastSync = Date.now();
	await setMeta('lastSync', syncState.lastSync);
	return events.length === BATCH;
}

/** Sends everything waiting, in batches; on failure the events stay and a retry is scheduled. */
export function flush(): Promise<void> {
	if (flushing) {
		// The batch on its way was read before this call's event was in the outbox.
		flushAgain = true;
		return flushing;
	}
	flushing = (async () => {
		try {
			do {
				flushAgain = false;
				while (await sendOnce());
			} while (flushAgain);
			syncState.online = true;
		} catch {
			// No network (navigator.onLine is often wrong on phones): try again soon; it costs nothing.
			syncState.online = false;
			scheduleRetry(OFFLINE_RETRY_MS);
		} finally {
			syncState.pending = await count();
			flushing = null;
		}
	})();
	return flushing;
}

/** Records one activity. Completions and quizzes are sent at once; the rest ride along later. */
export async function record(activity: Activity) {
	const event = newEvent(activity);
	await enqueue(event);
	if (event.kind === 'lesson_completed') await markDoneLocally(event.course, event.lesson);
	syncState.pending = await count();
	if (event.kind === 'lesson_completed' || event.kind === 'quiz_submitted') await flush();
	else scheduleRetry(15_000);
	return event.id;
}

/** Starts syncing on this page: now, when the network returns, and when the tab is hidden. */
export async function startSync(userId: string | null) {
	syncState.online = navigator.onLine;
	syncState.lastSync = (await getMeta<number>('lastSync')) ?? null;
	syncState.pending = await count();
	// After signing in on a device that learned as a guest, the server takes over its progress.
	if (userId && (await getMeta('claimedBy')) !== userId) claimFor = userId;
	addEventListener('online', () => {
		syncState.online = true;
		void flush();
	});
	addEventListener('offline', () => (syncState.online = false));
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'hidden') void flush();
	});
	await flush();
}
