import { isActionFailure, isHttpError, type Cookies } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { canReview, canSeeEvidence } from '$lib/server/access';
import { registerUser } from '$lib/server/auth/accounts';
import type { SessionUser } from '$lib/server/auth/session';
import { saveBusiness } from '$lib/server/business';
import { createCohort, join, participantOf } from '$lib/server/cohorts';
import { db, ensureDatabase, table } from '$lib/server/db';
import { reviewQueue } from '$lib/server/tiers/review';
import * as cohortPage from '../../src/routes/trainer/cohorts/[id]/+page.server';
import * as joinPage from '../../src/routes/join/[code]/+page.server';
import * as reviewPage from '../../src/routes/trainer/reviews/[id]/+page.server';
import * as verifyPage from '../../src/routes/verify/[id=badge]/+page.server';

// Issue 16, item 1: a trainer who gets an admin (or another trainer) into one of their cohorts
// must not be able to reset that account's password, judge its evidence or revoke its badges.

const PASSWORD = 'sandi yang cukup kuat';
const people: Record<string, SessionUser> = {};
let phone = 0;
let cohort: { id: string; joinCode: string };

async function person(key: string, role: SessionUser['role']) {
	const r = await registerUser(
		{ name: key, contact: `0813 7777 ${1000 + ++phone}`, password: PASSWORD, confirm: PASSWORD },
		role
	);
	people[key] = { id: r.user!.id, name: key, role };
	return people[key];
}

const cookies = (): Cookies => {
	const jar = new Map<string, string>();
	return {
		get: (n) => jar.get(n),
		getAll: () => [],
		set: (n, v) => void jar.set(n, v),
		delete: (n) => void jar.delete(n),
		serialize: (n, v) => `${n}=${v}`
	};
};

/** A form action's event, as SvelteKit passes it. */
function formEvent(
	user: SessionUser | null,
	path: string,
	params: Record<string, string>,
	fields: Record<string, string> = {}
) {
	const url = new URL(`http://localhost${path}`);
	return {
		request: new Request(url, { method: 'POST', body: new URLSearchParams(fields) }),
		url,
		params,
		locals: { user, session: null },
		cookies: cookies(),
		getClientAddress: () => '10.9.0.1',
		setHeaders: () => {}
	} as never;
}

/** The status a visitor sees: the action's failure, a thrown error, or 200. */
async function status(run: () => unknown) {
	try {
		const result = await run();
		return isActionFailure(result) ? result.status : 200;
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

const passwordOf = async (id: string) =>
	(
		await db
			.select({ hash: table.user.passwordHash, must: table.user.mustChangePassword })
			.from(table.user)
			.where(eq(table.user.id, id))
	)[0];

async function badgeAndReviewOf(user: SessionUser) {
	await saveBusiness(user.id, {
		name: `Usaha ${user.name}`,
		products: '',
		kecamatan: 'Padangan',
		desa: '',
		nib: null,
		sppIrt: null,
		halal: null,
		bpomMd: null,
		merek: null
	} as never);
	const [{ id: businessId }] = await db
		.select({ id: table.business.id })
		.from(table.business)
		.where(eq(table.business.ownerId, user.id));
	const badgeId = crypto.randomUUID();
	await db.insert(table.badge).values({
		id: badgeId,
		kind: 'course',
		achievement: 'manajemen-usaha',
		holderKey: `user:${user.id}`,
		userId: user.id,
		name: 'Manajemen Usaha',
		holderName: user.name,
		awardedAt: new Date(),
		credential: '{}'
	});
	const reviewId = crypto.randomUUID();
	await db.insert(table.tierReview).values({
		id: reviewId,
		businessId,
		tier: 'rintisan',
		status: 'submitted',
		submittedAt: new Date()
	});
	return { badgeId, reviewId };
}

beforeAll(async () => {
	await ensureDatabase();
	await person('trainer', 'trainer');
	await person('admin', 'admin');
	await person('otherTrainer', 'trainer');
	await person('learner', 'learner');
	await person('promoted', 'learner');
	cohort = await createCohort(people.trainer.id, 'Bimtek Padangan');
});

describe('joining a cohort', () => {
	it('a learner joins; a trainer or admin is told they cannot join as a participant', async () => {
		const code = cohort.joinCode;
		const path = `/join/${code}`;
		expect(
			await status(() => joinPage.actions.join(formEvent(people.learner, path, { code })))
		).toBe(200);
		for (const who of ['admin', 'otherTrainer']) {
			const result = await joinPage.actions.join(formEvent(people[who], path, { code }));
			expect(isActionFailure(result) && result.status, who).toBe(403);
			expect((result as { data: unknown }).data).toEqual({ state: 'staff' });
			const page = await joinPage.load({
				...(formEvent(people[who], path, { code }) as object),
				parent: async () => ({})
			} as never);
			expect(page?.state, who).toBe('staff');
		}
		const members = await db
			.select({ userId: table.cohortMember.userId })
			.from(table.cohortMember)
			.where(eq(table.cohortMember.cohortId, cohort.id));
		expect(members.map((m) => m.userId)).toEqual([people.learner.id]);
		expect(await join(cohort.id, people.admin.id)).toBe(false);
	});
});

describe('a trainer or admin already in the cohort (joined before, or promoted since)', () => {
	let admins: { badgeId: string; reviewId: string };
	let promoted: { badgeId: string; reviewId: string };

	beforeAll(async () => {
		// As the old code let them join, and a learner who became a trainer after joining.
		await db
			.insert(table.cohortMember)
			.values([
				{ cohortId: cohort.id, userId: people.admin.id },
				{ cohortId: cohort.id, userId: people.otherTrainer.id },
				{ cohortId: cohort.id, userId: people.promoted.id }
			])
			.onConflictDoNothing();
		admins = await badgeAndReviewOf(people.admin);
		promoted = await badgeAndReviewOf(people.promoted);
		await db
			.update(table.user)
			.set({ role: 'trainer' })
			.where(eq(table.user.id, people.promoted.id));
	});

	it('cannot be reset to a one-time code by the cohort’s trainer; a learner can', async () => {
		const path = `/trainer/cohorts/${cohort.id}`;
		for (const who of ['admin', 'otherTrainer', 'promoted']) {
			const before = await passwordOf(people[who].id);
			const reset = () =>
				cohortPage.actions.reset(
					formEvent(people.trainer, path, { id: cohort.id }, { member: people[who].id })
				);
			expect(await status(reset), who).toBe(404);
			expect(await passwordOf(people[who].id), who).toEqual(before);
			expect(await participantOf(cohort.id, people[who].id)).toBeNull();
		}
		const learner = await cohortPage.actions.reset(
			formEvent(people.trainer, path, { id: cohort.id }, { member: people.learner.id })
		);
		expect((learner as { reset: { code: string } }).reset.code).toMatch(/^[a-z2-9]{8}$/);
	});

	it('the cohort page offers no reset button for them', async () => {
		const page = await cohortPage.load({
			...(formEvent(people.trainer, `/trainer/cohorts/${cohort.id}`, { id: cohort.id }) as object),
			parent: async () => ({})
		} as never);
		const resettable = Object.fromEntries(
			(page as { members: { id: string; resettable: boolean }[] }).members.map((m) => [
				m.id,
				m.resettable
			])
		);
		expect(resettable).toEqual({
			[people.learner.id]: true,
			[people.admin.id]: false,
			[people.otherTrainer.id]: false,
			[people.promoted.id]: false
		});
	});

	it('their evidence, reviews and badges are not the trainer’s to judge or revoke', async () => {
		for (const who of ['admin', 'otherTrainer', 'promoted']) {
			expect(await canReview(people.trainer, people[who].id), who).toBe(false);
			expect(await canSeeEvidence(people.trainer, people[who].id), who).toBe(false);
		}
		const queue = await reviewQueue(people.trainer);
		expect(queue.map((r) => r.id)).not.toContain(admins.reviewId);
		expect(queue.map((r) => r.id)).not.toContain(promoted.reviewId);

		for (const { badgeId, reviewId } of [admins, promoted]) {
			const revoke = () =>
				verifyPage.actions.revoke(
					formEvent(people.trainer, `/verify/${badgeId}`, { id: badgeId }, { reason: 'diambil' })
				);
			expect(await status(revoke)).toBe(403);
			const [badge] = await db.select().from(table.badge).where(eq(table.badge.id, badgeId));
			expect(badge.revokedAt).toBeNull();

			const decide = () =>
				reviewPage.actions.decide(
					formEvent(
						people.trainer,
						`/trainer/reviews/${reviewId}`,
						{ id: reviewId },
						{ decision: 'endorsed', note: 'ok' }
					)
				);
			expect(await status(decide)).toBe(404);
			const [review] = await db
				.select()
				.from(table.tierReview)
				.where(and(eq(table.tierReview.id, reviewId)));
			expect(review.status).toBe('submitted');
		}
		// An admin still may (PKK's own oversight).
		expect(await canReview(people.admin, people.promoted.id)).toBe(true);
	});
});
