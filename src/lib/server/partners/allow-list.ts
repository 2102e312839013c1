import { db, table } from '$lib/server/db';

/**
 * Which origins may frame /embed/*, read on nearly every embed request, so kept in memory.
 * A change made in this process takes effect at once; the other processes of the cluster
 * (server.js runs one per core) see it within TTL_MS.
 */
const TTL_MS = 30_000;

type AllowList = { byPartner: Map<string, string[]>; all: string[] };

let cached: { list: Promise<AllowList>; at: number } | null = null;

async function load(): Promise<AllowList> {
	const rows = await db
		.select({ id: table.partner.id, origins: table.partner.origins })
		.from(table.partner);
	return {
		byPartner: new Map(rows.map((r) => [r.id, r.origins])),
		all: [...new Set(rows.flatMap((r) => r.origins))]
	};
}

export function allowList(now = Date.now()): Promise<AllowList> {
	if (!cached || now - cached.at > TTL_MS) {
		const list = load();
		cached = { list, at: now };
		// A failed read must not stick for the whole TTL.
		list.catch(() => (cached = null));
	}
	return cached.list;
}

/** After a partner is added, changed or removed. */
export function forgetPartners() {
	cached = null;
}
