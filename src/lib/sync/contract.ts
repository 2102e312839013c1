import * as v from 'valibot';

/**
 * The contract of `POST /api/sync`, shared by the browser's outbox and the server: event kinds,
 * the request, one event, and the answer. Nothing here may import server-only code: the
 * browser bundles the response schema to read the answer.
 *
 * What the server checks beyond shape (the course and lesson exist, the time is plausible, the
 * quiz version is known) lives in `$lib/server/sync/validate.ts` and `ingest.ts`.
 */

export const EVENT_KINDS = [
	'lesson_opened',
	'lesson_completed',
	'practice_answered',
	'quiz_submitted'
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const MAX_EVENTS = 50;
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The most a payload may take as JSON, per kind: opening and completing a lesson carry
 * nothing, a practice answer its question and choice, a quiz its answers. (Before these caps a
 * guest could store 8 KB of anything with every event.)
 */
export const MAX_PAYLOAD_BYTES: Record<EventKind, number> = {
	lesson_opened: 0,
	lesson_completed: 0,
	practice_answered: 512,
	quiz_submitted: 4096
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const Uuid = /* @__NO_SIDE_EFFECTS__ */ (message: string) =>
	v.pipe(v.string(message), v.regex(UUID, message), v.toLowerCase());
const Slug = /* @__NO_SIDE_EFFECTS__ */ (message: string) =>
	v.pipe(v.string(message), v.maxLength(100, message));

const NoPayload = v.optional(v.null('this kind carries no payload'));

const PRACTICE = 'malformed practice answer';
export const PracticePayload = v.strictObject(
	{
		question: v.pipe(v.string(PRACTICE), v.maxLength(300, PRACTICE)),
		choice: v.pipe(
			v.number(PRACTICE),
			v.integer(PRACTICE),
			v.minValue(0, PRACTICE),
			v.maxValue(50, PRACTICE)
		),
		correct: v.boolean(PRACTICE)
	},
	PRACTICE
);

const QUIZ = 'unknown quiz version or malformed answers';
const Short = v.pipe(v.string(QUIZ), v.maxLength(200, QUIZ));
export const QuizPayload = v.strictObject(
	{
		/** The quiz's content hash when the learner opened it: graded against that version. */
		version: Short,
		/** Question id to the chosen option ids (or the typed number, as text). */
		answers: v.record(Short, v.pipe(v.array(Short, QUIZ), v.maxLength(20, QUIZ)), QUIZ)
	},
	QUIZ
);
export type QuizAnswers = v.InferOutput<typeof QuizPayload>['answers'];

/** One kind of event: the fields every event has, with this kind's lesson and payload. */
const eventOf = /* @__NO_SIDE_EFFECTS__ */ <
	K extends EventKind,
	L extends v.GenericSchema,
	P extends v.GenericSchema
>(
	kind: K,
	lesson: L,
	payload: P
) =>
	v.object({
		id: Uuid('id is not a UUID'),
		kind: v.literal(kind),
		course: Slug('unknown course'),
		lesson,
		/** When it happened on the phone, ISO 8601. */
		at: v.pipe(v.string('at is not a date'), v.maxLength(40, 'at is not a date')),
		payload
	});

/**
 * One event as the browser records it; each kind with its own payload. (`@__PURE__`: the
 * browser bundles only the answer's schema, so these must be droppable.)
 */
export const SyncEvent = v.variant(
	'kind',
	[
		/* @__PURE__ */ eventOf('lesson_opened', Slug('unknown lesson'), NoPayload),
		/* @__PURE__ */ eventOf('lesson_completed', Slug('unknown lesson'), NoPayload),
		/* @__PURE__ */ eventOf('practice_answered', Slug('unknown lesson'), PracticePayload),
		// A quiz belongs to the course, not to a lesson.
		/* @__PURE__ */ eventOf('quiz_submitted', v.optional(v.nullable(v.string()), null), QuizPayload)
	],
	'unknown kind'
);
/** What the browser keeps in its outbox and sends. */
export type SyncEventInput = v.InferInput<typeof SyncEvent>;
export type SyncEventData = v.InferOutput<typeof SyncEvent>;

/**
 * The request as a whole. Events are checked one by one afterwards (see `SyncEvent`), so that
 * one broken record on a phone does not block everything else it recorded.
 */
export const SyncRequest = v.object({
	deviceId: v.pipe(v.string(), v.regex(UUID), v.toLowerCase()),
	/** The first batch after signing in on this device: hand its guest progress to the account. */
	claim: v.optional(v.boolean()),
	events: v.pipe(
		v.array(v.unknown()),
		v.maxLength(MAX_EVENTS, `at most ${MAX_EVENTS} events per batch`)
	)
});

export const QuizResult = v.object({
	id: v.string(),
	score: v.number(),
	passed: v.boolean(),
	passMark: v.number()
});
export type QuizResult = v.InferOutput<typeof QuizResult>;

export const Rejected = v.object({ id: v.nullable(v.string()), reason: v.string() });
export type Rejected = v.InferOutput<typeof Rejected>;

/** Completed lessons by course. */
export const Progress = v.record(v.string(), v.array(v.string()));
export type Progress = v.InferOutput<typeof Progress>;

/** The answer: what the browser may drop, grades of queued quizzes, new badges, progress. */
export const SyncResponse = v.object({
	stored: v.array(v.string()),
	rejected: v.array(Rejected),
	results: v.array(QuizResult),
	awarded: v.array(v.object({ id: v.string(), name: v.string() })),
	/**
	 * Completed lessons of the courses the batch touched; every course when the batch claimed the
	 * device for an account (`full`), so a phone that just signed in shows everything.
	 */
	progress: Progress,
	full: v.boolean()
});
export type SyncResponse = v.InferOutput<typeof SyncResponse>;

/** A malformed request (400), too many requests (429) or a body over the limit (413). */
export const SyncError = v.object({ error: v.string(), message: v.optional(v.string()) });
