import { and, asc, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import type { SessionUser } from '$lib/server/auth/session';
import { db, table } from '$lib/server/db';
import type { CohortInput } from '$lib/server/trainer/cohort-form';

// No 0/O or 1/I/L: codes are read aloud and typed from a projector.
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newJoinCode() {
	return Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** A new cohort; a bare name (older callers, tests) gives one with no venue, dates or courses. */
export async function createCohort(trainerId: string, input: CohortInput | string) {
	const values = typeof input === 'string' ? { name: input } : input;
	for (let attempt = 0; attempt < 5; attempt++) {
		const [row] = await db
			.insert(table.cohort)
			.values({ ...values, id: crypto.randomUUID(), trainerId, joinCode: newJoinCode() })
			.onConflictDoNothing()
			.returning();
		if (row) return row;
	}
	throw new Error('could not find a free join code');
}

export async function updateCohort(id: string, input: CohortInput) {
	await db.update(table.cohort).set(input).where(eq(table.cohort.id, id));
}

/** A fresh code: the old one (a photo of the projector, a forwarded message) stops working. */
export async function rotateJoinCode(id: string) {
	for (let attempt = 0; attempt < 5; attempt++) {
		try {
			const [row] = await db
				.update(table.cohort)
				.set({ joinCode: newJoinCode(), joinOpen: true })
				.where(eq(table.cohort.id, id))
				.returning();
			return row;
		} catch (e) {
			// A clash with another cohort's code (unique index): draw again.
			if (!String(e).includes('UNIQUE')) throw e;
		}
	}
	throw new Error('could not find a free join code');
}

export async function setJoinOpen(id: string, open: boolean) {
	await db.update(table.cohort).set({ joinOpen: open }).where(eq(table.cohort.id, id));
}

/** A trainer's own cohorts; an admin sees every cohort. */
export async function cohortsFor(viewer: SessionUser) {
	const members = db
		.select({ cohortId: table.cohortMember.cohortId, n: count().as('n') })
		.from(table.cohortMember)
		.groupBy(table.cohortMember.cohortId)
		.as('members');
	const query = db
		.select({
			id: table.cohort.id,
			name: table.cohort.name,
			joinCode: table.cohort.joinCode,
			joinOpen: table.cohort.joinOpen,
			venue: table.cohort.venue,
			kecamatan: table.cohort.kecamatan,
			sessionDates: table.cohort.sessionDates,
			members: members.n
		})
		.from(table.cohort)
		.leftJoin(members, eq(members.cohortId, table.cohort.id))
		.orderBy(table.cohort.createdAt);
	return viewer.role === 'admin' ? query : query.where(eq(table.cohort.trainerId, viewer.id));
}

/** The cohort, if the viewer runs it (or is an admin); null otherwise, so the route answers 404. */
export async function cohortFor(viewer: SessionUser, id: string) {
	const [row] = await db.select().from(table.cohort).where(eq(table.cohort.id, id));
	if (!row || (viewer.role !== 'admin' && row.trainerId !== viewer.id)) return null;
	return row;
}

/** Trainers and admins whose accounts are not disabled: who may hold a cohort. */
const mayHoldCohorts = () =>
	and(inArray(table.user.role, ['trainer', 'admin']), isNull(table.user.disabledAt));

/** Who a cohort can be handed to: trainers and admins whose accounts are not disabled. */
export async function possibleTrainers() {
	return db
		.select({ id: table.user.id, name: table.user.name, role: table.user.role })
		.from(table.user)
		.where(mayHoldCohorts())
		.orderBy(asc(table.user.name));
}

/**
 * Gives a cohort, with its participants, attendance and codes, to another trainer (an admin's
 * hand-over, e.g. before the old trainer deletes their account). False when `trainerId` is not
 * a trainer or admin who may have it.
 */
export async function handOverCohort(cohortId: string, trainerId: string) {
	const [target] = await db
		.select({ id: table.user.id })
		.from(table.user)
		.where(and(eq(table.user.id, trainerId), mayHoldCohorts()));
	if (!target) return false;
	await db.update(table.cohort).set({ trainerId }).where(eq(table.cohort.id, cohortId));
	return true;
}

export async function membersOf(cohortId: string) {
	return db
		.select({
			id: table.user.id,
			name: table.user.name,
			role: table.user.role,
			phone: table.user.phone,
			mustChangePassword: table.user.mustChangePassword,
			businessName: table.business.name,
			desa: table.business.desa
		})
		.from(table.cohortMember)
		.innerJoin(table.user, eq(table.user.id, table.cohortMember.userId))
		.leftJoin(table.business, eq(table.business.ownerId, table.user.id))
		.where(eq(table.cohortMember.cohortId, cohortId))
		.orderBy(table.user.name);
}

/**
 * The learner behind an id from a form, when they are a participant of the cohort; null for
 * anyone else. A trainer or admin in the cohort (joined before that was refused, or promoted
 * since) is never a participant: the cohort's trainer must not reset their password.
 */
export async function participantOf(cohortId: string, userId: string) {
	const [row] = await db
		.select({ id: table.user.id, name: table.user.name, phone: table.user.phone })
		.from(table.cohortMember)
		.innerJoin(table.user, eq(table.user.id, table.cohortMember.userId))
		.where(
			and(
				eq(table.cohortMember.cohortId, cohortId),
				eq(table.cohortMember.userId, userId),
				eq(table.user.role, 'learner')
			)
		);
	return row ?? null;
}

/** Only learners join cohorts as participants; trainers and admins are told so. */
export const mayJoinCohorts = (user: Pick<SessionUser, 'role'>) => user.role === 'learner';

/** Codes are read from a projector: case and stray spaces or dashes do not matter. */
export function cleanCode(code: string) {
	return code.replace(/[\s-]/g, '').toUpperCase();
}

export async function findByCode(code: string) {
	const clean = cleanCode(code);
	if (!/^[A-Z0-9]{6}$/.test(clean)) return null;
	const [row] = await db.select().from(table.cohort).where(eq(table.cohort.joinCode, clean));
	return row ?? null;
}

/**
 * Puts a learner in a cohort; joining twice is harmless. False for a trainer or admin: a
 * membership would hand the cohort's trainer their password reset, evidence and badges.
 */
export async function join(cohortId: string, userId: string) {
	const [found] = await db
		.select({ role: table.user.role })
		.from(table.user)
		.where(eq(table.user.id, userId));
	if (!found || !mayJoinCohorts(found)) return false;
	await db.insert(table.cohortMember).values({ cohortId, userId }).onConflictDoNothing();
	return true;
}

/** The cohorts (bimtek classes) a learner joined, newest first: what they need to turn up. */
export async function cohortsJoinedBy(userId: string) {
	return db
		.select({
			id: table.cohort.id,
			name: table.cohort.name,
			venue: table.cohort.venue,
			kecamatan: table.cohort.kecamatan,
			sessionDates: table.cohort.sessionDates,
			trainer: table.user.name
		})
		.from(table.cohortMember)
		.innerJoin(table.cohort, eq(table.cohort.id, table.cohortMember.cohortId))
		.innerJoin(table.user, eq(table.user.id, table.cohort.trainerId))
		.where(eq(table.cohortMember.userId, userId))
		.orderBy(desc(table.cohortMember.joinedAt));
}
