import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { SessionUser } from '$lib/server/auth/session';
import { db, table, type Executor } from '$lib/server/db';
import { changesSince, courseBadgesOf, readRequirements, requirements, type Change } from './basis';
import { findTier } from './rules';

/**
 * Tier badges whose basis changed after the award ("Perlu ditinjau ulang"): a course badge they
 * rested on was revoked, or a document or evidence item they required is gone. Nothing is
 * revoked by itself; an admin or the endorsing trainer keeps the badge (with a note) or revokes it.
 */
export type Recheck = {
	badgeId: string;
	tier: string;
	tierName: string;
	businessName: string;
	kecamatan: string;
	ownerName: string;
	awardedAt: Date;
	changes: Change[];
};

/** Changes not yet looked at: those already kept once stay kept. */
const pending = (changes: Change[], kept: string[]) => changes.filter((c) => !kept.includes(c.key));

/** For an admin every live tier badge; for a trainer those they endorsed. */
export async function rechecksFor(viewer: SessionUser): Promise<Recheck[]> {
	const live = and(
		isNull(table.badge.revokedAt),
		viewer.role === 'admin' ? undefined : eq(table.tierAward.endorsedBy, viewer.id)
	);
	const rows = await db
		.select({
			award: table.tierAward,
			badgeId: table.badge.id,
			tier: table.badge.achievement,
			awardedAt: table.badge.awardedAt,
			business: table.business,
			ownerName: table.user.name
		})
		.from(table.tierAward)
		.innerJoin(table.badge, eq(table.badge.id, table.tierAward.badgeId))
		.innerJoin(table.business, eq(table.business.id, table.badge.businessId))
		.innerJoin(table.user, eq(table.user.id, table.business.ownerId))
		.where(live)
		.orderBy(table.badge.awardedAt);
	if (!rows.length) return [];
	// Three queries for the whole list, not three per badge; subqueries, not long id lists.
	const businesses = db
		.select({ id: table.badge.businessId })
		.from(table.tierAward)
		.innerJoin(table.badge, eq(table.badge.id, table.tierAward.badgeId))
		.where(live);
	const evidence = await db
		.select()
		.from(table.evidence)
		.where(inArray(table.evidence.businessId, businesses));
	const courseBadges = await courseBadgesOf(
		db,
		db
			.select({ id: table.business.ownerId })
			.from(table.business)
			.where(inArray(table.business.id, businesses))
	);
	const evidenceOf = groupBy(evidence, (e) => e.businessId);
	const badgesOf = groupBy(courseBadges, (b) => b.userId ?? '');
	const now = new Date();
	const list: Recheck[] = [];
	for (const r of rows) {
		const tier = findTier(r.tier);
		if (!tier) continue;
		const reqs = requirements(
			tier,
			r.business,
			evidenceOf.get(r.business.id) ?? [],
			badgesOf.get(r.business.ownerId) ?? [],
			now
		);
		const changes = pending(changesSince(r.award.basis, reqs), r.award.keptChanges);
		if (changes.length)
			list.push({
				badgeId: r.badgeId,
				tier: tier.id,
				tierName: tier.name,
				businessName: r.business.name,
				kecamatan: r.business.kecamatan,
				ownerName: r.ownerName,
				awardedAt: r.awardedAt,
				changes
			});
	}
	return list;
}

function groupBy<T>(rows: T[], key: (row: T) => string) {
	const map = new Map<string, T[]>();
	for (const row of rows) {
		const k = key(row);
		const list = map.get(k);
		if (list) list.push(row);
		else map.set(k, [row]);
	}
	return map;
}

/** A tier badge's award record and what changed since, not yet looked at. */
export async function pendingChanges(exec: Executor, badgeId: string) {
	const [row] = await exec
		.select({ award: table.tierAward, badge: table.badge })
		.from(table.tierAward)
		.innerJoin(table.badge, eq(table.badge.id, table.tierAward.badgeId))
		.where(and(eq(table.tierAward.badgeId, badgeId), isNotNull(table.badge.businessId)));
	if (!row || !row.badge.businessId) return null;
	const state = row.badge.revokedAt
		? null
		: await readRequirements(exec, row.badge.businessId, row.badge.achievement);
	const changes = state
		? pending(changesSince(row.award.basis, state.requirements), row.award.keptChanges)
		: [];
	return { ...row, changes };
}

export type RecheckError = 'not_found' | 'nothing_pending';

/**
 * Keeps the badge (the note says why; the changes count as looked at) or revokes it (the note
 * is the reason). One write transaction: of two decisions at once, the second finds nothing
 * left to decide.
 */
export async function resolveRecheck(
	badgeId: string,
	viewer: SessionUser,
	decision: 'keep' | 'revoke',
	note: string
): Promise<RecheckError | null> {
	return db.transaction(
		async (tx): Promise<RecheckError | null> => {
			const found = await pendingChanges(tx, badgeId);
			// Someone else's endorsement looks exactly like a badge that does not exist.
			if (!found || (viewer.role !== 'admin' && found.award.endorsedBy !== viewer.id))
				return 'not_found';
			if (!found.changes.length) return 'nothing_pending';
			const now = new Date();
			if (decision === 'keep')
				await tx
					.update(table.tierAward)
					.set({
						keptChanges: [...found.award.keptChanges, ...found.changes.map((c) => c.key)],
						keptNote: note,
						keptBy: viewer.id,
						keptAt: now
					})
					.where(eq(table.tierAward.badgeId, badgeId));
			else
				await tx
					.update(table.badge)
					.set({ revokedAt: now, revokedBy: viewer.id, revokeReason: note })
					.where(and(eq(table.badge.id, badgeId), isNull(table.badge.revokedAt)));
			return null;
		},
		{ behavior: 'immediate' }
	);
}

/** What a tier badge was given on, as recorded at its endorsement (null for older badges). */
export async function tierBasisOf(badgeId: string) {
	const [row] = await db
		.select({ basis: table.tierAward.basis })
		.from(table.tierAward)
		.where(eq(table.tierAward.badgeId, badgeId));
	return row?.basis ?? null;
}
