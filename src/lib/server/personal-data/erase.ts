import { and, count, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { unlink } from 'node:fs/promises';
import { verifyPassword } from '$lib/server/auth/password';
import { countAttempt, refundAttempt, type Limit } from '$lib/server/auth/rate-limit';
import { db, table } from '$lib/server/db';
import { photoPath } from '$lib/server/evidence/store';
import { devicesOf } from './export';

/** The reason a verifier reads on a badge whose holder deleted their account. */
export const DELETED_REASON = 'akun dihapus';

/** A stolen session must not be able to guess the password here any faster than at login. */
const DELETE_LIMIT: Limit = { max: 5, windowMs: 15 * 60 * 1000 };

export type DeleteRefusal =
	'current_password' | 'last_admin' | 'owns_cohorts' | { rateLimited: number };

/** Why this account may not be deleted now, or null. */
export async function deletionBlocker(
	userId: string
): Promise<'last_admin' | 'owns_cohorts' | null> {
	const [person] = await db
		.select({ role: table.user.role })
		.from(table.user)
		.where(eq(table.user.id, userId));
	if (person?.role === 'admin') {
		const [{ n }] = await db
			.select({ n: count() })
			.from(table.user)
			.where(eq(table.user.role, 'admin'));
		if (n <= 1) return 'last_admin';
	}
	// A cohort holds other learners' membership (and attendance): it is not this person's to erase.
	const [{ cohorts }] = await db
		.select({ cohorts: count() })
		.from(table.cohort)
		.where(eq(table.cohort.trainerId, userId));
	return cohorts > 0 ? 'owns_cohorts' : null;
}

/** Checks the password again (and the limits), then deletes the account. */
export async function deleteAccountWithPassword(
	userId: string,
	password: string,
	now = Date.now()
): Promise<DeleteRefusal | null> {
	const key = `account-delete:${userId}`;
	// Counted before the slow password check, so parallel tries cannot all get through.
	const wait = await countAttempt([[key, DELETE_LIMIT]], now);
	if (wait > 0) return { rateLimited: wait };
	const [person] = await db.select().from(table.user).where(eq(table.user.id, userId));
	if (!person || !(await verifyPassword(person.passwordHash, password))) return 'current_password';
	await refundAttempt(key);
	const blocker = await deletionBlocker(userId);
	if (blocker) return blocker;
	await deleteAccount(userId);
	return null;
}

/**
 * Deletes a person and everything about them: the account, its sessions, the business and its
 * evidence (rows and photo files), progress, quiz attempts and answers, cohort memberships,
 * sync events (the account's and the guest events of its devices) and limit counters that name
 * its phone or email. Badges are revoked ("akun dihapus") and stripped of every name and of the
 * signed credential; the id stays, so a printed QR code says "revoked" instead of "unknown".
 */
export async function deleteAccount(userId: string, now = new Date()) {
	const photos: string[] = [];
	// Every phone the account synced from: its guest events (before signing in) are this person's too.
	const devices = await devicesOf(userId);
	await db.transaction(async (tx) => {
		const [person] = await tx.select().from(table.user).where(eq(table.user.id, userId));
		if (!person) return;
		const [biz] = await tx
			.select({ id: table.business.id })
			.from(table.business)
			.where(eq(table.business.ownerId, userId));
		if (biz) {
			const rows = await tx
				.select({ value: table.evidence.value })
				.from(table.evidence)
				.where(and(eq(table.evidence.businessId, biz.id), eq(table.evidence.kind, 'photo')));
			photos.push(...rows.map((r) => r.value));
		}

		const held = biz
			? or(eq(table.badge.userId, userId), eq(table.badge.businessId, biz.id))
			: eq(table.badge.userId, userId);
		// What a tier badge rested on, and re-review notes that may name the person.
		await tx
			.delete(table.tierAward)
			.where(
				inArray(
					table.tierAward.badgeId,
					tx.select({ id: table.badge.id }).from(table.badge).where(held)
				)
			);
		await tx
			.update(table.badge)
			.set({ revokedAt: now, revokedBy: null, revokeReason: DELETED_REASON })
			.where(and(held, isNull(table.badge.revokedAt)));
		await tx
			.update(table.badge)
			.set({
				userId: null,
				businessId: null,
				holderKey: sql`'deleted:' || ${table.badge.id}`,
				holderName: '',
				businessName: null,
				credential: ''
			})
			.where(held);

		await tx
			.delete(table.progressEvent)
			.where(
				devices.length
					? or(
							eq(table.progressEvent.userId, userId),
							inArray(table.progressEvent.deviceId, devices)
						)
					: eq(table.progressEvent.userId, userId)
			);
		const names = [person.phone, person.email, userId].filter((x): x is string => !!x);
		await tx
			.delete(table.rateLimit)
			.where(or(...names.map((n) => sql`instr(${table.rateLimit.key}, ${n}) > 0`)));
		// The rest follows the user row through ON DELETE CASCADE (sessions, business, evidence,
		// reviews, progress, attempts and answers, memberships); the test checks every table.
		await tx.delete(table.user).where(eq(table.user.id, userId));
	});
	// After the commit: a failed transaction must not leave rows that point at missing files.
	for (const name of photos) {
		const path = photoPath(name);
		if (path) await unlink(path).catch(() => {});
	}
}
