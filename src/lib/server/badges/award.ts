import { and, desc, eq, isNotNull, isNull, or } from 'drizzle-orm';
import { randomBytes, randomInt } from 'node:crypto';
import { findCourse } from '$lib/server/content/catalog';
import { db, table, type Executor } from '$lib/server/db';
import type { Business, TierBasis, TierBasisItem } from '$lib/server/db/schema';
import { formatDate } from '$lib/format';
import { doneInCourse } from '$lib/server/progress';
import { quizStatusByCourse } from '$lib/server/quiz/attempts';
import { findTier } from '$lib/server/tiers/rules';
import type { TierEndorsement } from './credential';
import { STATUS_LIST_LENGTH } from './credential/status-list';
import { issueCredential } from './issue';

export function newBadgeId() {
	return randomBytes(16).toString('base64url');
}

/** Name, description and criteria of a course or tier badge, as credentials and pages state them. */
export function describeAchievement(kind: 'course' | 'tier', id: string) {
	if (kind === 'course') {
		const course = findCourse(id);
		return course
			? {
					name: course.badge,
					description: `Lencana kursus "${course.title}" dari Naik Kelas.`,
					criteria: `Menyelesaikan semua ${course.lessons.length} pelajaran kursus "${course.title}" dan lulus kuis akhirnya.`
				}
			: null;
	}
	const tier = findTier(id);
	return tier
		? {
				name: tier.name,
				description: `${tier.name}: ${tier.summary}`,
				criteria: `Menyelesaikan kursus ${tier.courses.map((c) => `"${c.title}"`).join(', ')}; bukti berikut diperiksa dan disahkan pelatih: ${tier.evidence.map((e) => (e.for ? `${e.label} (usaha ${e.for})` : e.label)).join('; ')}.`
			}
		: null;
}

const holder = {
	user: (id: string) => `user:${id}`,
	business: (id: string) => `business:${id}`
};

/**
 * Awards the course badge when every lesson is done and the graded quiz is passed.
 * Safe to call after every lesson and every quiz: the unique index keeps one badge per learner.
 */
export async function awardCourseBadgeIfEarned(
	userId: string,
	courseSlug: string,
	baseUrl: string
) {
	const course = findCourse(courseSlug);
	const about = describeAchievement('course', courseSlug);
	if (!course || !about) return null;
	const done = await doneInCourse(userId, courseSlug);
	if (!course.lessons.every((l) => done.has(l.slug))) return null;
	if (!(await quizStatusByCourse(userId, courseSlug)).get(courseSlug)?.passed) return null;
	if (await existing(holder.user(userId), 'course', courseSlug)) return null;

	const [person] = await db.select().from(table.user).where(eq(table.user.id, userId));
	const [biz] = await db.select().from(table.business).where(eq(table.business.ownerId, userId));
	return insertBadge({
		kind: 'course',
		achievement: courseSlug,
		holderKey: holder.user(userId),
		userId,
		businessId: biz?.id ?? null,
		...about,
		holderName: person.name,
		businessName: biz?.name ?? null,
		baseUrl
	});
}

/**
 * A signed tier badge for `business`, stating in its credential what it is given on: `basis`,
 * as checked at `basis.checkedAt`. Signing takes about a tenth of a second, so it is done before
 * the endorsement's write transaction, which then stores it with `storeTierBadge`.
 */
export async function signTierBadge(
	business: Business,
	holderName: string,
	tierId: string,
	basis: TierBasis,
	baseUrl: string,
	endorserName: string
) {
	const about = describeAchievement('tier', tierId);
	if (!about) return null;
	return signBadge({
		kind: 'tier',
		achievement: tierId,
		holderKey: holder.business(business.id),
		userId: business.ownerId,
		businessId: business.id,
		...about,
		holderName,
		businessName: business.name,
		baseUrl,
		awardedAt: new Date(basis.checkedAt),
		evidence: basis.items.map((item) => ({
			name: item.label,
			narrative: basisNarrative(item, basis.checkedAt)
		})),
		endorsement: {
			items: basis.items.map((item) => ({ id: item.key, label: item.label })),
			endorsedAt: new Date(basis.checkedAt),
			endorserName
		}
	});
}

/** Stores a signed tier badge and what it rests on; null when the business already holds it. */
export async function storeTierBadge(
	exec: Executor,
	signed: SignedBadge,
	award: { basis: TierBasis; reviewId: string | null; endorsedBy: string | null }
) {
	const badge = await storeBadge(signed, exec);
	if (badge) await exec.insert(table.tierAward).values({ badgeId: badge.id, ...award });
	return badge;
}

/** One line per requirement, in Indonesian as the certificate is: what it was, and when. */
export function basisNarrative(item: TierBasisItem, checkedAt: number) {
	const checked = formatDate(checkedAt);
	if (item.kind === 'course')
		return `Kursus "${item.label}" selesai; lencana kursus diberikan ${formatDate(item.at ?? checkedAt)}.`;
	if (item.kind === 'profile') return `Tercatat di profil usaha; diperiksa ${checked}.`;
	return `Bukti diberikan ${formatDate(item.at ?? checkedAt)}; diperiksa ${checked}.`;
}

async function existing(holderKey: string, kind: 'course' | 'tier', achievement: string) {
	const [row] = await db
		.select({ id: table.badge.id })
		.from(table.badge)
		.where(
			and(
				eq(table.badge.holderKey, holderKey),
				eq(table.badge.kind, kind),
				eq(table.badge.achievement, achievement)
			)
		);
	return row ?? null;
}

type NewBadge = {
	kind: 'course' | 'tier';
	achievement: string;
	holderKey: string;
	userId: string;
	businessId: string | null;
	name: string;
	holderName: string;
	businessName: string | null;
	description: string;
	criteria: string;
	baseUrl: string;
	awardedAt?: Date;
	/** Tier badges: what was checked, as the credential states it (OB 3.0 `evidence`). */
	evidence?: { name: string; narrative: string }[];
	/** Tier badges: the trainer's endorsement, signed into the credential. */
	endorsement?: TierEndorsement;
};

/** A free bit in the status list, picked at random (see status-list.ts). */
async function freeStatusIndex() {
	for (;;) {
		const index = randomInt(STATUS_LIST_LENGTH);
		const [taken] = await db
			.select({ id: table.badge.id })
			.from(table.badge)
			.where(eq(table.badge.statusIndex, index));
		if (!taken) return index;
	}
}

/** Signs and stores a badge outside any transaction (course badges). */
async function insertBadge(b: NewBadge) {
	// A status index taken between the check and the insert (vanishingly rare) makes the insert
	// do nothing, as a second award does: try again unless the holder really has the badge.
	for (let attempt = 0; attempt < 5; attempt++) {
		const row = await storeBadge(await signBadge(b));
		if (row) return row;
		if (await existing(b.holderKey, b.kind, b.achievement)) return null;
	}
	throw new Error('no free status list index');
}

type SignedBadge = typeof table.badge.$inferInsert;

async function signBadge(b: NewBadge): Promise<SignedBadge> {
	const id = newBadgeId();
	const awardedAt = b.awardedAt ?? new Date();
	const statusIndex = await freeStatusIndex();
	const credential = await issueCredential({
		badgeId: id,
		baseUrl: b.baseUrl,
		issuedAt: awardedAt,
		holderName: b.holderName,
		businessName: b.businessName ?? undefined,
		achievement: {
			slug: `${b.kind}-${b.achievement}`,
			name: b.name,
			description: b.description,
			criteria: b.criteria,
			kind: b.kind
		},
		statusIndex,
		evidence: b.evidence,
		endorsement: b.endorsement
	});
	return {
		id,
		kind: b.kind,
		achievement: b.achievement,
		holderKey: b.holderKey,
		userId: b.userId,
		businessId: b.businessId,
		name: b.name,
		holderName: b.holderName,
		businessName: b.businessName,
		awardedAt,
		credential: JSON.stringify(credential),
		statusIndex
	};
}

async function storeBadge(values: SignedBadge, exec: Executor = db) {
	// When two requests race, the unique index lets exactly one insert through.
	const [row] = await exec.insert(table.badge).values(values).onConflictDoNothing().returning();
	return row ?? null;
}

export async function findBadge(id: string) {
	const [row] = await db.select().from(table.badge).where(eq(table.badge.id, id));
	return row ?? null;
}

/** The learner's own course badges and their business's tier badges, newest first. */
export async function badgesFor(userId: string, businessId?: string | null) {
	return db
		.select()
		.from(table.badge)
		.where(
			businessId
				? or(eq(table.badge.userId, userId), eq(table.badge.businessId, businessId))
				: eq(table.badge.userId, userId)
		)
		.orderBy(desc(table.badge.awardedAt));
}

/** Revokes once; the first reason stands. */
export async function revokeBadge(id: string, byUserId: string, reason: string) {
	const rows = await db
		.update(table.badge)
		.set({ revokedAt: new Date(), revokedBy: byUserId, revokeReason: reason })
		.where(and(eq(table.badge.id, id), isNull(table.badge.revokedAt)))
		.returning({ id: table.badge.id });
	return rows.length > 0;
}

/** The status-list bits of every revoked badge (badges from before the list have none). */
export async function revokedStatusIndexes() {
	const rows = await db
		.select({ index: table.badge.statusIndex })
		.from(table.badge)
		.where(and(isNotNull(table.badge.revokedAt), isNotNull(table.badge.statusIndex)));
	return rows.map((r) => r.index!);
}
