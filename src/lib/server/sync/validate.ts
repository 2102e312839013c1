import * as v from 'valibot';
import { findCourse } from '$lib/server/content/catalog';
import {
	MAX_EVENTS,
	MAX_PAYLOAD_BYTES,
	SyncEvent as EventSchema,
	SyncRequest,
	type Rejected,
	type SyncEventData
} from '$lib/sync/contract';

export { MAX_BODY_BYTES, MAX_EVENTS, type Rejected } from '$lib/sync/contract';

/**
 * The deepest a real batch goes is 6 (body, events, event, quiz payload, answers, one answer's
 * choices). Deeper JSON is refused before parsing: walking it (JSON.stringify, valibot) recursed
 * once per level and a 30,000-level payload overflowed the stack (a 500).
 */
export const MAX_DEPTH = 8;
/** A phone's clock may run fast; more than this ahead is not a real time. */
const FUTURE_SLACK_MS = 10 * 60 * 1000;
const EARLIEST = Date.UTC(2025, 0, 1);

/** An event as the server stores it: the contract's shape, its time read, its course known. */
export type SyncEvent = SyncEventData extends infer E
	? E extends SyncEventData
		? Omit<E, 'at' | 'lesson'> & { at: Date; lesson: string | null }
		: never
	: never;

/** The request as a whole: a problem here refuses everything, with a 400 that says what. */
export function readBody(
	text: string
): { deviceId: string; events: unknown[]; claim: boolean } | { error: string } {
	if (depthExceeds(text, MAX_DEPTH))
		return { error: `JSON nested deeper than ${MAX_DEPTH} levels` };
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { error: 'body is not JSON' };
	}
	const result = v.safeParse(SyncRequest, json);
	if (!result.success) {
		const issue = result.issues[0];
		const where = issue.path?.map((p) => p.key).join('.') || 'body';
		return {
			error:
				where === 'events' && issue.type === 'max_length'
					? `at most ${MAX_EVENTS} events per batch`
					: `${where}: expected ${issue.expected ?? 'a valid value'}`
		};
	}
	return { ...result.output, claim: result.output.claim ?? false };
}

/** Whether JSON `text` opens more than `max` arrays or objects inside each other (strings skipped). */
export function depthExceeds(text: string, max: number) {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 92 /* \\ */) i++;
			else if (c === 34 /* " */) inString = false;
		} else if (c === 34) inString = true;
		else if (c === 91 /* [ */ || c === 123 /* { */) {
			if (++depth > max) return true;
		} else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
	}
	return false;
}

/**
 * One event. A bad event is listed with its reason and the rest of the batch is kept:
 * one broken record on a phone must not block everything else it recorded.
 */
export function readEvent(raw: unknown, now = Date.now()): SyncEvent | Rejected {
	const rawId = typeof raw === 'object' && raw !== null && 'id' in raw ? raw.id : null;
	const reject = (reason: string): Rejected => ({
		id: typeof rawId === 'string' ? rawId.slice(0, 64) : null,
		reason
	});
	const parsed = v.safeParse(EventSchema, raw);
	if (!parsed.success) return reject(parsed.issues[0].message);
	const e = parsed.output;
	const course = findCourse(e.course);
	if (!course) return reject('unknown course');
	if (e.kind !== 'quiz_submitted' && !course.lessons.some((l) => l.slug === e.lesson))
		return reject('unknown lesson');
	const at = Date.parse(e.at);
	if (Number.isNaN(at)) return reject('at is not a date');
	if (at > now + FUTURE_SLACK_MS) return reject('at is in the future');
	if (at < EARLIEST) return reject('at is too long ago');
	if (JSON.stringify(e.payload ?? null).length > Math.max(4, MAX_PAYLOAD_BYTES[e.kind]))
		return reject('payload too large');
	return {
		...e,
		course: course.slug,
		lesson: e.kind === 'quiz_submitted' ? null : e.lesson,
		at: new Date(at)
	};
}
