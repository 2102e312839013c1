// Counts stored progress events straight from the database, for the crash test and the sync bench.

/**
 * How many rows progress_event holds for `ids`, and how many distinct ids among them.
 * @param {import('@libsql/client').Client} db
 * @param {string[]} ids
 */
export async function countProgressEvents(db, ids) {
	let rows = 0;
	let distinct = 0;
	// In chunks: SQLite limits the number of bound parameters.
	for (let i = 0; i < ids.length; i += 500) {
		const chunk = ids.slice(i, i + 500);
		const r = await db.execute({
			sql: `select count(*) as n, count(distinct id) as d from progress_event where id in (${chunk.map(() => '?').join(',')})`,
			args: chunk
		});
		rows += Number(r.rows[0].n);
		distinct += Number(r.rows[0].d);
	}
	return { rows, distinct };
}
