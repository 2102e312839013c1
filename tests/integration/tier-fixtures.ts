import { isActionFailure } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { registerUser } from '$lib/server/auth/accounts';
import type { SessionUser } from '$lib/server/auth/session';
import { awardCourseBadgeIfEarned } from '$lib/server/badges/award';
import { getBusiness, saveBusiness } from '$lib/server/business';
import { createCohort, join } from '$lib/server/cohorts';
import { findCourse } from '$lib/server/content/catalog';
import { db, table } from '$lib/server/db';
import { savePhoto } from '$lib/server/evidence/store';
import { markLessonDone } from '$lib/server/progress';
import { recordAttempt } from '$lib/server/quiz/attempts';
import { findQuiz } from '$lib/server/quiz/bank';
import { gradeQuiz } from '$lib/server/quiz/grading';
import { submitForReview } from '$lib/server/tiers/review';

// A learner whose business is ready for the first tier and has sent its review, as a trainer
// finds it in the queue: course badge, NIB in the profile, bookkeeping photo, in her cohort.

export const BASE = 'https://belajar.pkk-bojonegoro.example';
export const COURSE = 'manajemen-usaha';
export const NIB = '9120001234567';
let phone = 100;

export async function makeUser(name: string, role: SessionUser['role']): Promise<SessionUser> {
	const r = await registerUser(
		{
			name,
			contact: `0812 7300 ${String(phone++).padStart(4, '0')}`,
			password: 'ledre pisang raja',
			confirm: 'ledre pisang raja'
		},
		role
	);
	return { id: r.user!.id, name, role };
}

export const business = (nib: string | null) => ({
	name: 'Ledre Bu Sri',
	products: 'ledre',
	kecamatan: 'Padangan',
	desa: 'Kuncen',
	nib,
	sppIrt: null,
	halal: null,
	bpomMd: null,
	trademark: null
});

export async function readyLearner(trainer: SessionUser, name = 'Sri Wahyuni') {
	const learner = await makeUser(name, 'learner');
	await saveBusiness(learner.id, business(NIB));
	const biz = (await getBusiness(learner.id))!;
	const jpeg = new Uint8Array(2000);
	jpeg.set([0xff, 0xd8, 0xff, 0xe0]);
	const photo = await savePhoto(
		{ businessId: biz.id, tier: 'rintisan', item: 'buku-kas' },
		new File([jpeg], 'buku-kas.jpg')
	);
	if (photo) throw new Error(photo);
	for (const lesson of findCourse(COURSE)!.lessons)
		await markLessonDone(learner.id, COURSE, lesson.slug);
	const quiz = findQuiz(COURSE)!;
	const right = Object.fromEntries(
		quiz.questions.map((q) => [q.id, Array.isArray(q.answer) ? q.answer : [String(q.answer)]])
	);
	await recordAttempt(learner.id, COURSE, gradeQuiz(quiz, right));
	const courseBadge = await awardCourseBadgeIfEarned(learner.id, COURSE, BASE);
	const cohort = await createCohort(trainer.id, `Bimtek ${name}`);
	await join(cohort.id, learner.id);
	const sent = await submitForReview(learner.id, 'rintisan');
	if (sent) throw new Error(sent);
	const [review] = await db
		.select()
		.from(table.tierReview)
		.where(eq(table.tierReview.businessId, biz.id));
	return { learner, business: biz, courseBadge: courseBadge!, review };
}

/** Runs a form action as SvelteKit would, and returns the status and data the browser gets. */
export async function act(
	action: (event: never) => unknown,
	path: string,
	params: Record<string, string>,
	user: SessionUser,
	fields: Record<string, string>
) {
	const url = new URL(`http://localhost${path}`);
	const request = new Request(url, {
		method: 'POST',
		body: new URLSearchParams(fields).toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded' }
	});
	const event = {
		request,
		url,
		params,
		locals: { user, session: { id: 'x', userId: user.id, expiresAt: new Date() } },
		getClientAddress: () => '10.9.9.9',
		setHeaders: () => {}
	};
	const result = await action(event as never);
	return isActionFailure(result)
		? { status: result.status, data: result.data as unknown as Record<string, unknown> }
		: { status: 200, data: result as Record<string, unknown> };
}
