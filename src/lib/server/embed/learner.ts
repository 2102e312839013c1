import type { Cookies } from '@sveltejs/kit';
import { and, eq, isNull } from 'drizzle-orm';
import { db, table } from '$lib/server/db';
import { doneInCourse } from '$lib/server/progress';
import { embedAccount, embedDevice } from './cookies';

/**
 * Who learns in this frame: its guest device and the account linked through "Simpan progres",
 * both from its partitioned cookies. Read once per request (the layout and the page ask).
 */
const perRequest = new WeakMap<Cookies, ReturnType<typeof read>>();

async function read(cookies: Cookies) {
	return { deviceId: embedDevice(cookies), account: await embedAccount(cookies) };
}

export function embedLearner(cookies: Cookies) {
	let learner = perRequest.get(cookies);
	if (!learner) perRequest.set(cookies, (learner = read(cookies)));
	return learner;
}

/**
 * The lessons of a course this frame's learner has done, as the server knows them: the linked
 * account's, or the guest device's. Rendered with the page, since a frame that the browser
 * refuses IndexedDB (third-party storage blocked) remembers nothing of its own across visits.
 */
export async function embedDone(cookies: Cookies, course: string): Promise<Set<string>> {
	const { deviceId, account } = await embedLearner(cookies);
	if (account) return doneInCourse(account.userId, course);
	const e = table.progressEvent;
	const rows = await db
		.selectDistinct({ lesson: e.lesson })
		.from(e)
		.where(
			and(
				eq(e.deviceId, deviceId),
				isNull(e.userId),
				eq(e.kind, 'lesson_completed'),
				eq(e.course, course)
			)
		);
	return new Set(rows.flatMap((r) => (r.lesson ? [r.lesson] : [])));
}
