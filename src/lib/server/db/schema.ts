import { sql } from 'drizzle-orm';
import { EVENT_KINDS, type EventKind } from '../../sync/contract';
import {
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';

export const ROLES = ['learner', 'trainer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

/** A person with an account. Learners sign in with a phone number or an email address. */
export const user = sqliteTable('user', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	/** Normalised to +628…, so 0812… and +62812… are the same account. */
	phone: text('phone').unique(),
	/** Lower-cased. */
	email: text('email').unique(),
	passwordHash: text('password_hash').notNull(),
	role: text('role', { enum: ROLES }).notNull().default('learner'),
	/**
	 * The password is a one-time code a trainer handed out (first password or reset): it works
	 * for one sign-in, after which the person must choose their own.
	 */
	mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
	createdAt: createdAt(),
	/** Set by an admin: the account cannot sign in and has no sessions. Null when active. */
	disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
	/** When the account last signed in or used a session; kept to the hour to spare writes. */
	lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' })
});

/** Lucia-style session: the cookie holds a random token, the table only its SHA-256. */
export const session = sqliteTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('session_user_idx').on(t.userId), index('session_expiry_idx').on(t.expiresAt)]
);

/** The IKM profile. Tiers will belong to the business, not to the person. */
export const business = sqliteTable('business', {
	id: text('id').primaryKey(),
	ownerId: text('owner_id')
		.notNull()
		.unique()
		.references(() => user.id, { onDelete: 'cascade' }),
	name: text('name').notNull(),
	products: text('products').notNull().default(''),
	kecamatan: text('kecamatan').notNull(),
	desa: text('desa').notNull().default(''),
	/** Each legal document: null when the business does not have it, its number when it does. */
	nib: text('nib'),
	sppIrt: text('spp_irt'),
	halal: text('halal'),
	bpomMd: text('bpom_md'),
	trademark: text('trademark'),
	/**
	 * What the business makes: food and drink need SPP-IRT, halal and a food label; crafts
	 * (batik, teak) reach the same tier by another route (courses/tiers.yaml). Null: not said yet.
	 */
	productKind: text('product_kind', { enum: ['pangan', 'kerajinan'] }),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

/** One row per learner and lesson (Kolibri's summary log): first opened, and done or not. */
export const lessonProgress = sqliteTable(
	'lesson_progress',
	{
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		course: text('course').notNull(),
		lesson: text('lesson').notNull(),
		completedAt: integer('completed_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.course, t.lesson] })]
);

/**
 * One submitted graded quiz (Kolibri's mastery log). The pass mark is copied in, so a later
 * change to quiz.yaml cannot turn a past fail into a pass or the other way round.
 */
export const quizAttempt = sqliteTable(
	'quiz_attempt',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		course: text('course').notNull(),
		/** Percent, 0–100, rounded. */
		score: integer('score').notNull(),
		passMark: integer('pass_mark').notNull(),
		passed: integer('passed', { mode: 'boolean' }).notNull(),
		questionCount: integer('question_count').notNull(),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('quiz_attempt_user_course_idx').on(t.userId, t.course)]
);

/** One answer within an attempt (Kolibri's attempt log): what was given and how it scored. */
export const quizAnswer = sqliteTable(
	'quiz_answer',
	{
		attemptId: text('attempt_id')
			.notNull()
			.references(() => quizAttempt.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		/** The answer as submitted, JSON: a list of option ids, or the number typed. */
		answer: text('answer').notNull(),
		/** 0–1; a multiple-choice answer can be partly right. */
		score: real('score').notNull(),
		correct: integer('correct', { mode: 'boolean' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.attemptId, t.questionId] })]
);

/**
 * Fixed-window counters for abuse limits. Kept in the database, not in memory,
 * so that every app instance behind a load balancer sees the same count.
 */
export const rateLimit = sqliteTable(
	'rate_limit',
	{
		key: text('key').primaryKey(),
		count: integer('count').notNull(),
		windowStart: integer('window_start', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('rate_limit_window_idx').on(t.windowStart)]
);

export type User = typeof user.$inferSelect;
export type Session = typeof session.$inferSelect;
export type Business = typeof business.$inferSelect;
export type BusinessInput = Omit<typeof business.$inferInsert, 'id' | 'ownerId' | 'updatedAt'>;

/** A workshop group (kelas bimtek) run by one trainer; learners join with its code. */
export const cohort = sqliteTable(
	'cohort',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		trainerId: text('trainer_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		joinCode: text('join_code').notNull().unique(),
		/** A closed code answers "closed" instead of letting anyone in. */
		joinOpen: integer('join_open', { mode: 'boolean' }).notNull().default(true),
		venue: text('venue').notNull().default(''),
		kecamatan: text('kecamatan').notNull().default(''),
		/** Face-to-face session days, YYYY-MM-DD, sorted. */
		sessionDates: text('session_dates', { mode: 'json' }).$type<string[]>().notNull().default([]),
		/** Course slugs the cohort covers, in catalogue order; the grid's columns. */
		courses: text('courses', { mode: 'json' }).$type<string[]>().notNull().default([]),
		createdAt: createdAt()
	},
	(t) => [index('cohort_trainer_idx').on(t.trainerId)]
);

export const cohortMember = sqliteTable(
	'cohort_member',
	{
		cohortId: text('cohort_id')
			.notNull()
			.references(() => cohort.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		joinedAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.cohortId, t.userId] }),
		index('cohort_member_user_idx').on(t.userId)
	]
);

/** Who was at a face-to-face session: by the rotating QR code, or ticked by the trainer. */
export const attendance = sqliteTable(
	'attendance',
	{
		cohortId: text('cohort_id')
			.notNull()
			.references(() => cohort.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		/** The session day, YYYY-MM-DD. */
		date: text('date').notNull(),
		method: text('method', { enum: ['qr', 'trainer'] }).notNull(),
		checkedAt: integer('checked_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.cohortId, t.date, t.userId] })]
);

export type Cohort = typeof cohort.$inferSelect;

/** One piece of tier evidence a business gave: a photo, a link or a number. Replaced when given again. */
export const evidence = sqliteTable(
	'evidence',
	{
		businessId: text('business_id')
			.notNull()
			.references(() => business.id, { onDelete: 'cascade' }),
		tier: text('tier').notNull(),
		item: text('item').notNull(),
		kind: text('kind', { enum: ['photo', 'link', 'text'] }).notNull(),
		/** The link or text; for a photo, the stored file's name in the data directory. */
		value: text('value').notNull(),
		/** For photos: the type read from the file's bytes, never from its name. */
		mimeType: text('mime_type'),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.businessId, t.tier, t.item] })]
);

/** A business asking a trainer to endorse its evidence for a tier, and the answer. */
export const tierReview = sqliteTable(
	'tier_review',
	{
		id: text('id').primaryKey(),
		businessId: text('business_id')
			.notNull()
			.references(() => business.id, { onDelete: 'cascade' }),
		tier: text('tier').notNull(),
		status: text('status', { enum: ['submitted', 'endorsed', 'returned'] }).notNull(),
		/** The trainer's note on endorsement, or the reason the learner sees when sent back. */
		note: text('note'),
		reviewerId: text('reviewer_id').references(() => user.id, { onDelete: 'set null' }),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
		reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('tier_review_business_idx').on(t.businessId, t.tier)]
);

/** One requirement of a tier as it stood at a moment: a course or an evidence item. */
export type TierBasisItem = {
	/** `course:<slug>` or `evidence:<item id>`. */
	key: string;
	kind: 'course' | 'profile' | 'photo' | 'link' | 'text';
	label: string;
	/** When it was met (course badge awarded, evidence given; profile documents: when checked), ms. */
	at: number | null;
	/** The course badge it rests on. */
	badgeId: string | null;
};
export type TierBasis = { checkedAt: number; items: TierBasisItem[] };

/**
 * What a tier badge rests on, as the endorsing trainer checked it, and its later re-review:
 * when a course badge or evidence item in `basis` goes away, the badge is listed as "Perlu
 * ditinjau ulang" until an admin or that trainer keeps it (with a note) or revokes it.
 */
export const tierAward = sqliteTable('tier_award', {
	badgeId: text('badge_id')
		.primaryKey()
		.references(() => badge.id, { onDelete: 'cascade' }),
	reviewId: text('review_id').references(() => tierReview.id, { onDelete: 'set null' }),
	endorsedBy: text('endorsed_by').references(() => user.id, { onDelete: 'set null' }),
	basis: text('basis', { mode: 'json' }).$type<TierBasis>().notNull(),
	/** Keys of basis items whose loss was looked at and the badge kept anyway. */
	keptChanges: text('kept_changes', { mode: 'json' }).$type<string[]>().notNull().default([]),
	keptNote: text('kept_note'),
	keptBy: text('kept_by').references(() => user.id, { onDelete: 'set null' }),
	keptAt: integer('kept_at', { mode: 'timestamp_ms' })
});

/**
 * An awarded badge. `holderKey` is the user for a course badge and the business for a tier
 * badge; its unique index makes a second award of the same badge impossible, even when two
 * requests race.
 */
export const badge = sqliteTable(
	'badge',
	{
		id: text('id').primaryKey(),
		kind: text('kind', { enum: ['course', 'tier'] }).notNull(),
		/** Course slug or tier id. */
		achievement: text('achievement').notNull(),
		holderKey: text('holder_key').notNull(),
		/**
		 * Null once the holder deleted their account: the badge stays, revoked and without any
		 * name, so a printed QR code still answers truthfully (see README, "Data pribadi").
		 */
		userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
		businessId: text('business_id').references(() => business.id, { onDelete: 'set null' }),
		/** Names as they were when awarded: a certificate does not change afterwards. */
		name: text('name').notNull(),
		holderName: text('holder_name').notNull(),
		businessName: text('business_name'),
		awardedAt: integer('awarded_at', { mode: 'timestamp_ms' }).notNull(),
		/** The signed Open Badges 3.0 credential, JSON. */
		credential: text('credential').notNull(),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
		revokedBy: text('revoked_by').references(() => user.id, { onDelete: 'set null' }),
		revokeReason: text('revoke_reason'),
		/**
		 * The badge's bit in the Bitstring Status List (`/credentials/status/1`). Null for badges
		 * issued before it: those carry a 1EdTechRevocationList status instead.
		 */
		statusIndex: integer('status_index')
	},
	(t) => [
		uniqueIndex('badge_holder_unique').on(t.holderKey, t.kind, t.achievement),
		uniqueIndex('badge_status_index_unique').on(t.statusIndex),
		index('badge_user_idx').on(t.userId)
	]
);

export type Badge = typeof badge.$inferSelect;

/**
 * Settings the admin changes in the admin area, one row per key (JSON value): e.g. the
 * signatory printed on certificates.
 */
export const setting = sqliteTable('setting', {
	key: text('key').primaryKey(),
	value: text('value', { mode: 'json' }).notNull(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	updatedBy: text('updated_by').references(() => user.id, { onDelete: 'set null' })
});

/**
 * A website allowed to embed our courses (a village, Dinas, cooperative or school site).
 * Only its registered origins may frame /embed/* and receive the embed's messages.
 */
export const partner = sqliteTable('partner', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	/** Who to call about the site: a phone number or an email, as the admin typed it. */
	contact: text('contact').notNull().default(''),
	/** JSON list of origins such as `https://desa-contoh.id`: scheme, host and port only. */
	origins: text('origins', { mode: 'json' }).$type<string[]>().notNull(),
	createdAt: createdAt(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

export type Partner = typeof partner.$inferSelect;

// The sync contract (shared with the browser) names the kinds; the column takes them from it.
export { EVENT_KINDS, type EventKind };

/**
 * What a browser recorded, offline or not, under the UUID it made. The primary key makes
 * every replay and duplicate harmless. Guest events have no user until the device is claimed.
 */
export const progressEvent = sqliteTable(
	'progress_event',
	{
		id: text('id').primaryKey(),
		deviceId: text('device_id').notNull(),
		userId: text('user_id').references(() => user.id, { onDelete: 'cascade' }),
		/** The partner site whose embed recorded it; null on our own site. */
		partnerId: text('partner_id').references(() => partner.id, { onDelete: 'set null' }),
		kind: text('kind', { enum: EVENT_KINDS }).notNull(),
		course: text('course').notNull(),
		lesson: text('lesson'),
		/** JSON: the answers of a quiz or a practice question. */
		payload: text('payload'),
		occurredAt: integer('occurred_at', { mode: 'timestamp_ms' }).notNull(),
		receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		// With the time, "active in the last 30 days" (admin dashboard) reads no event rows.
		index('progress_event_user_idx').on(t.userId, t.occurredAt),
		index('progress_event_device_idx').on(t.deviceId),
		index('progress_event_partner_idx').on(t.partnerId)
	]
);

/**
 * Every version of a quiz that was ever shown, by content hash: an attempt made offline is
 * graded against the quiz the learner saw, even if quiz.yaml changed before it synced.
 */
export const quizVersion = sqliteTable('quiz_version', {
	hash: text('hash').primaryKey(),
	course: text('course').notNull(),
	quiz: text('quiz').notNull(),
	createdAt: createdAt()
});

/**
 * A dated "Pembaruan" an admin puts on a lesson between a rule change and the lesson's rewrite,
 * shown at the lesson's top without a deploy. Removing it blanks the text and keeps the row, so
 * `updatedAt` only moves forward: the lesson page cache keys on it.
 */
export const lessonNotice = sqliteTable(
	'lesson_notice',
	{
		course: text('course').notNull(),
		lesson: text('lesson').notNull(),
		/** Null when the notice was taken down. */
		text: text('text'),
		/** The day the change it announces took effect or was learned of, YYYY-MM-DD. */
		day: text('day').notNull(),
		updatedBy: text('updated_by').references(() => user.id, { onDelete: 'set null' }),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.course, t.lesson] })]
);
export type LessonNotice = typeof lessonNotice.$inferSelect;
