import { and, eq } from 'drizzle-orm';
import type { SessionUser } from '$lib/server/auth/session';
import { db, table } from '$lib/server/db';

/**
 * True when `learnerId` is a learner in one of the trainer's cohorts. Only learners: a trainer
 * or admin who sits in a cohort (joined before joining was refused to them, or promoted since)
 * is not the trainer's to reset, review or revoke, or a trainer could take over an admin.
 */
export async function isTrainerOf(trainerId: string, learnerId: string) {
	const [row] = await db
		.select({ id: table.cohort.id })
		.from(table.cohort)
		.innerJoin(table.cohortMember, eq(table.cohortMember.cohortId, table.cohort.id))
		.innerJoin(table.user, eq(table.user.id, table.cohortMember.userId))
		.where(
			and(
				eq(table.cohort.trainerId, trainerId),
				eq(table.cohortMember.userId, learnerId),
				eq(table.user.role, 'learner')
			)
		)
		.limit(1);
	return !!row;
}

/**
 * Who may judge a learner's evidence and revoke their badges: admins, and the trainers of the
 * cohorts the learner is in (learners only, see isTrainerOf).
 */
export async function canReview(viewer: SessionUser | null, learnerId: string) {
	if (!viewer || viewer.id === learnerId) return false;
	if (viewer.role === 'admin') return true;
	return viewer.role === 'trainer' && (await isTrainerOf(viewer.id, learnerId));
}

/** Evidence is private: the owner, and those who may review it. */
export async function canSeeEvidence(viewer: SessionUser | null, ownerId: string) {
	return !!viewer && (viewer.id === ownerId || (await canReview(viewer, ownerId)));
}
