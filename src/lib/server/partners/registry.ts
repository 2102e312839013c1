import { countDistinct, desc, eq, sql } from 'drizzle-orm';
import { db, table } from '$lib/server/db';
import { forgetPartners } from './allow-list';

export type PartnerInput = { name: string; contact: string; origins: string[] };

export async function createPartner(input: PartnerInput) {
	const id = crypto.randomUUID().slice(0, 8);
	await db.insert(table.partner).values({ id, ...input, updatedAt: new Date() });
	forgetPartners();
	return id;
}

export async function updatePartner(id: string, input: PartnerInput) {
	const changed = await db
		.update(table.partner)
		.set({ ...input, updatedAt: new Date() })
		.where(eq(table.partner.id, id))
		.returning({ id: table.partner.id });
	forgetPartners();
	return changed.length > 0;
}

export async function deletePartner(id: string) {
	await db.delete(table.partner).where(eq(table.partner.id, id));
	forgetPartners();
}

export async function findPartner(id: string) {
	const [row] = await db.select().from(table.partner).where(eq(table.partner.id, id));
	return row ?? null;
}

/**
 * Every partner with what came through its embed: learners (an account, or a guest device
 * not yet claimed) and completed lessons, each lesson once per learner (one done again, in a
 * frame that had forgotten it, is not a second completion).
 */
export async function partnersWithCounts() {
	const e = table.progressEvent;
	const learner = sql`coalesce(${e.userId}, ${e.deviceId})`;
	const counts = await db
		.select({
			partnerId: e.partnerId,
			learners: countDistinct(learner),
			completions: countDistinct(
				sql`case when ${e.kind} = 'lesson_completed' then ${learner} || '/' || ${e.course} || '/' || ${e.lesson} end`
			)
		})
		.from(e)
		.where(sql`${e.partnerId} is not null`)
		.groupBy(e.partnerId);
	const byId = new Map(counts.map((c) => [c.partnerId, c]));
	const partners = await db.select().from(table.partner).orderBy(desc(table.partner.createdAt));
	return partners.map((p) => ({
		...p,
		learners: byId.get(p.id)?.learners ?? 0,
		completions: byId.get(p.id)?.completions ?? 0
	}));
}
