import { count, eq } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import type { SessionUser } from '$lib/server/auth/session';
import { db, table } from '$lib/server/db';

// No 0/O or 1/I/L: codes are read aloud and typed from a projector.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newJoinCode() {
	return Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

export async function createCohort(trainerId: string, name: string) {
	for (let attempt = 0; attempt < 5; attempt++) {
		const [row] = await db
			.insert(table.cohort)
			.values({ id: crypto.randomUUID(), name, trainerId, joinCode: newJoinCode() })
			.onConflictDoNothing()
			.returning();
		if (row) return row;
	}
	throw new Error('could not find a free join code');
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
			members: members.n
		})
		.from(table.cohort)
		.leftJoin(members, eq(members.cohortId, table.cohort.id))
		.orderBy(table.cohort.createdAt);
	return viewer.role === 'admin' ? query : query.where(eq(table.cohort.trainerId, viewer.id));
}

/** The cohort, if the viewer runs it (or is an admin). */
export async function cohortFor(viewer: SessionUser, id: string) {
	const [row] = await db.select().from(table.cohort).where(eq(table.cohort.id, id));
	if (!row || (viewer.role !== 'admin' && row.trainerId !== viewer.id)) return null;
	return row;
}

export async function membersOf(cohortId: string) {
	return db
		.select({
			id: table.user.id,
			name: table.user.name,
			businessName: table.business.name
		})
		.from(table.cohortMember)
		.innerJoin(table.user, eq(table.user.id, table.cohortMember.userId))
		.leftJoin(table.business, eq(table.business.ownerId, table.user.id))
		.where(eq(table.cohortMember.cohortId, cohortId))
		.orderBy(table.user.name);
}

export async function findByCode(code: string) {
	const clean = code.trim().toUpperCase();
	if (!/^[A-Z0-9]{6}$/.test(clean)) return null;
	const [row] = await db.select().from(table.cohort).where(eq(table.cohort.joinCode, clean));
	return row ?? null;
}

/** Joining twice is harmless. */
export async function join(cohortId: string, userId: string) {
	await db.insert(table.cohortMember).values({ cohortId, userId }).onConflictDoNothing();
}
