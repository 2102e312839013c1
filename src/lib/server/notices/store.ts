import { and, eq } from 'drizzle-orm';
import { db, table } from '$lib/server/db';

/**
 * Dated "Pembaruan" notices on lessons, as every server process sees them: a copy of the (small)
 * table kept in memory and read again at most every few seconds, so the lesson page cache can
 * key on a notice on every request without a query. A change made here shows at once in this
 * process, and in the others (several app instances on one database) within REFRESH_MS.
 */

export const REFRESH_MS = 10_000;

export type Notice = { text: string; day: string };
type Row = { text: string | null; day: string; updatedAt: number };

let snapshot: Map<string, Row> | null = null;
let loadedAt = 0;
let loading: Promise<Map<string, Row>> | null = null;
/** Moves on every change made here: a read begun before it must not be kept after it. */
let generation = 0;

const keyOf = (course: string, lesson: string) => `${course}/${lesson}`;

async function load() {
	const rows = await db.select().from(table.lessonNotice);
	return new Map(
		rows.map((r) => [
			keyOf(r.course, r.lesson),
			{ text: r.text, day: r.day, updatedAt: r.updatedAt.getTime() }
		])
	);
}

async function current(): Promise<Map<string, Row>> {
	if (snapshot && Date.now() - loadedAt < REFRESH_MS) return snapshot;
	if (!loading) {
		const started = generation;
		const read = load().then((map) => {
			if (started === generation) {
				snapshot = map;
				loadedAt = Date.now();
			}
			return map;
		});
		loading = read;
		const settle = () => {
			if (loading === read) loading = null;
		};
		read.then(settle, settle);
	}
	return loading;
}

/** The notice shown on a lesson, or null. */
export async function noticeFor(course: string, lesson: string): Promise<Notice | null> {
	const row = (await current()).get(keyOf(course, lesson));
	return row?.text ? { text: row.text, day: row.day } : null;
}

/**
 * What the lesson page cache keys on: changes whenever the notice is put up, edited or taken
 * down, and never returns to an earlier value (a removed notice keeps its row and time).
 */
export async function noticeStamp(course: string, lesson: string): Promise<string> {
	const row = (await current()).get(keyOf(course, lesson));
	return row ? String(row.updatedAt) : '';
}

/** Every lesson that has a notice up, for the admin's list. */
export async function activeNotices(): Promise<Map<string, Notice>> {
	const out = new Map<string, Notice>();
	for (const [key, row] of await current())
		if (row.text) out.set(key, { text: row.text, day: row.day });
	return out;
}

/** Puts up or replaces a lesson's notice (text null: takes it down). */
export async function setNotice(
	course: string,
	lesson: string,
	notice: Notice | null,
	by: string
): Promise<void> {
	const where = and(eq(table.lessonNotice.course, course), eq(table.lessonNotice.lesson, lesson));
	await db.transaction(async (tx) => {
		const [old] = await tx.select().from(table.lessonNotice).where(where);
		if (!old && !notice) return;
		// Strictly later than before, even within one millisecond or after a clock step back.
		const updatedAt = new Date(Math.max(Date.now(), (old?.updatedAt.getTime() ?? 0) + 1));
		const values = {
			text: notice?.text ?? null,
			day: notice?.day ?? old!.day,
			updatedBy: by,
			updatedAt
		};
		if (old) await tx.update(table.lessonNotice).set(values).where(where);
		else await tx.insert(table.lessonNotice).values({ course, lesson, ...values });
	});
	forgetNotices();
}

/** Reads the table again on next use (after a change here; and for tests). */
export function forgetNotices() {
	snapshot = null;
	loading = null;
	generation++;
}
