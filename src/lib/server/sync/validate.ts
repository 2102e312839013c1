import * as v from 'valibot';
import { findCourse } from '$lib/server/content/catalog';
import { EVENT_KINDS, type EventKind } from '$lib/server/db/schema';

export const MAX_EVENTS = 50;
export const MAX_BODY_BYTES = 64 * 1024;
/**
 * The deepest a real batch goes is 6 (body, events, event, quiz payload, answers, one answer's
 * choices). Deeper JSON is refused before parsing: walking it (JSON.stringify, valibot) recursed
 * once per level and a 30,000-level payload overflowed the stack (a 500).
 */
export const MAX_DEPTH = 8;
/** A phone's clock may run fast; more than this ahead is not a real time. */
const FUTURE_SLACK_MS = 10 * 60 * 1000;
const EARLIEST = Date.UTC(2025, 0, 1);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const Body = v.object({
	deviceId: v.pipe(v.string(), v.regex(UUID)),
	events: v.pipe(v.array(v.unknown()), v.maxLength(MAX_EVENTS))
});

export type SyncEvent = {
	id: string;
	kind: EventKind;
	course: string;
	lesson: string | null;
	at: Date;
	payload: unknown;
};
export type Rejected = { id: string | null; reason: string };

/** The request as a whole: a problem here refuses everything, with a 400 that says what. */
export function readBody(
	text: string
): { deviceId: string; events: unknown[] } | { error: string } {
	if (text.length > MAX_BODY_BYTES) return { error: `body larger than ${MAX_BODY_BYTES} bytes` };
	if (depthExceeds(text, MAX_DEPTH))
		return { error: `JSON nested deeper than ${MAX_DEPTH} levels` };
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { error: 'body is not JSON' };
	}
	const result = v.safeParse(Body, json);
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
	return result.output;
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
	const e = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
	const id = typeof e.id === 'string' && UUID.test(e.id) ? e.id.toLowerCase() : null;
	const reject = (reason: string): Rejected => ({
		id: typeof e.id === 'string' ? e.id.slice(0, 64) : null,
		reason
	});
	if (!id) return reject('id is not a UUID');
	if (!(EVENT_KINDS as readonly string[]).includes(e.kind as string)) return reject('unknown kind');
	const kind = e.kind as EventKind;
	const course = typeof e.course === 'string' ? findCourse(e.course) : undefined;
	if (!course) return reject('unknown course');
	const lesson = typeof e.lesson === 'string' ? e.lesson : null;
	if (kind !== 'quiz_submitted' && !course.lessons.some((l) => l.slug === lesson))
		return reject('unknown lesson');
	const at = typeof e.at === 'string' ? Date.parse(e.at) : NaN;
	if (Number.isNaN(at)) return reject('at is not a date');
	if (at > now + FUTURE_SLACK_MS) return reject('at is in the future');
	if (at < EARLIEST) return reject('at is too long ago');
	const payload = e.payload ?? null;
	if (JSON.stringify(payload).length > 8 * 1024) return reject('payload too large');
	return {
		id,
		kind,
		course: course.slug,
		lesson: kind === 'quiz_submitted' ? null : lesson,
		at: new Date(at),
		payload
	};
}
