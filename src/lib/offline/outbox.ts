import { database, isInMemory, type OutboxEvent } from './idb';

/** An activity as a page reports it: the outbox adds its id and time. */
export type Activity = OutboxEvent extends infer E
	? E extends OutboxEvent
		? Omit<E, 'id' | 'at'>
		: never
	: never;

/** A new activity, with the UUID that makes it safe to send any number of times. */
export function newEvent(activity: Activity): OutboxEvent {
	return { ...activity, id: crypto.randomUUID(), at: new Date().toISOString() };
}

export async function enqueue(event: OutboxEvent) {
	await (await database()).put('outbox', { ...event, queuedAt: Date.now() });
}

/** The oldest events first, so a long offline day is sent in the order it happened. */
export async function oldest(limit: number): Promise<OutboxEvent[]> {
	const all = await (await database()).getAll('outbox');
	return all
		.sort((a, b) => a.queuedAt - b.queuedAt)
		.slice(0, limit)
		.map((row) => {
			const event: OutboxEvent & { queuedAt?: number } = { ...row };
			delete event.queuedAt;
			return event;
		});
}

/** Drops only what the server acknowledged (stored, or refused for good). */
export async function remove(ids: string[]) {
	const tx = (await database()).transaction('outbox', 'readwrite');
	await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}

export async function count() {
	return (await database()).count('outbox');
}

export async function pendingOf(kind: OutboxEvent['kind'], course: string) {
	return (await (await database()).getAll('outbox')).filter(
		(e) => e.kind === kind && e.course === course
	);
}

export async function markDoneLocally(course: string, lesson: string) {
	await (await database()).put('done', { key: `${course}/${lesson}`, course, lesson });
}

export async function isDoneLocally(course: string, lesson: string) {
	return !!(await (await database()).get('done', `${course}/${lesson}`));
}

/** Which of `lessons` are marked done on this device (a guest's, or not yet sent). */
export async function doneLocallyIn(course: string, lessons: string[]) {
	const marks = await Promise.all(
		lessons.map(async (l) => ((await isDoneLocally(course, l)) ? l : null))
	);
	return new Set(marks.filter((l) => l !== null));
}

let fallbackDeviceId: string | null = null;

/** The device id to use where IndexedDB is refused: a partner embed's, kept in its partitioned cookie. */
export function useFallbackDeviceId(id: string) {
	fallbackDeviceId = id;
}

export async function deviceId(): Promise<string> {
	const d = await database();
	let id = (await d.get('meta', 'deviceId')) as string | undefined;
	if (!id) {
		id = (isInMemory(d) && fallbackDeviceId) || crypto.randomUUID();
		await d.put('meta', id, 'deviceId');
	}
	// Also as a cookie, so signing up or in hands this device's guest progress over at once.
	// (A sandboxed frame has no cookies: reading them throws.)
	try {
		if (!document.cookie.includes(`nk-device=${id}`))
			document.cookie = `nk-device=${id}; path=/; max-age=${60 * 60 * 24 * 730}; samesite=lax`;
	} catch {
		/* progress still goes with the device id in each batch */
	}
	return id;
}

export async function getMeta<T>(key: string) {
	return (await (await database()).get('meta', key)) as T | undefined;
}

export async function setMeta(key: string, value: unknown) {
	await (await database()).put('meta', value, key);
}
