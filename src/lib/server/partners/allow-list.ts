import { db, table } from '$lib/server/db';

/**
 * Which origins may frame /embed/*, read on nearly every embed request, so kept in memory.
 * A change made in this process takes effect at once. Another process of the cluster
 * (server.js runs one per core) reads the list again whenever it is asked about an origin it
 * does not know, so a newly registered site works everywhere at once; a removed one stops
 * within TTL_MS.
 */
const TTL_MS = 30_000;

type AllowList = {
	byPartner: Map<string, string[]>;
	/** Each registered origin's partner (the first registered, should two share one). */
	byOrigin: Map<string, string>;
	all: string[];
};

let cached: { list: Promise<AllowList>; at: number } | null = null;
/** A read under way: misses arriving together wait for the same one. */
let reading: Promise<AllowList> | null = null;

async function load(): Promise<AllowList> {
	const rows = await db
		.select({ id: table.partner.id, origins: table.partner.origins })
		.from(table.partner)
		.orderBy(table.partner.createdAt, table.partner.id);
	const byOrigin = new Map<string, string>();
	for (const r of rows) for (const o of r.origins) if (!byOrigin.has(o)) byOrigin.set(o, r.id);
	return {
		byPartner: new Map(rows.map((r) => [r.id, r.origins])),
		byOrigin,
		all: [...byOrigin.keys()]
	};
}

function reload(now: number) {
	if (reading) return reading;
	const list = load();
	reading = list;
	cached = { list, at: now };
	// A failed read must not stick for the whole TTL.
	list
		.catch(() => {
			if (cached?.list === list) cached = null;
		})
		.finally(() => {
			if (reading === list) reading = null;
		});
	return list;
}

export function allowList(now = Date.now()): Promise<AllowList> {
	if (!cached || now - cached.at > TTL_MS) return reload(now);
	return cached.list;
}

/**
 * The list, read again when it does not know `origin` (registered in another process since),
 * so a miss costs one small read and a new partner never waits for the TTL.
 */
export async function allowListFor(origin: string, now = Date.now()): Promise<AllowList> {
	const list = await allowList(now);
	return list.byOrigin.has(origin) ? list : reload(now);
}

/** After a partner is added, changed or removed. */
export function forgetPartners() {
	cached = null;
	reading = null;
}
