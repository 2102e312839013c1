import { isActionFailure } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { registerUser } from '$lib/server/auth/accounts';
import type { SessionUser } from '$lib/server/auth/session';
import { awardCourseBadgeIfEarned } from '$lib/server/badges/award';
import { getBusiness, saveBusiness } from '$lib/server/business';
import { createCohort, join } from '$lib/server/cohorts';
import { findCourse } from '$lib/server/content/catalog';
import { db, table } from '$lib/server/db';
import type { ProductKind } from '$lib/server/content/tier-model';
import { saveLink, savePhoto } from '$lib/server/evidence/store';
import { markLessonDone } from '$lib/server/progress';
import { recordAttempt } from '$lib/server/quiz/attempts';
import { findQuiz } from '$lib/server/quiz/bank';
import { gradeQuiz } from '$lib/server/quiz/grading';
import { decideReview, submitForReview } from '$lib/server/tiers/review';
import { findTier } from '$lib/server/tiers/rules';

// A learner whose business is ready for a tier and has sent its review, as a trainer finds it
// in the queue. Rintisan: the course badge and the bookkeeping photo. Siap Komersial, for a
// batik maker (a craft business is not asked for SPP-IRT or halal): rintisan endorsed by the
// same trainer, then the tier's two course badges, the NIB in the profile and a katalog link.

export const BASE = 'https://belajar.pkk-bojonegoro.example';
export const COURSE = 'manajemen-usaha';
export const NIB = '9120001234567';
export const KATALOG = 'https://wa.me/c/6281273001234';
export type ReadyTier = 'rintisan' | 'siap-komersial';
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

/** The business profile as the owner saves it; `nib: null` is "Belum punya". */
export const business = (nib: string | null, productKind: ProductKind = 'kerajinan') => ({
	name: 'Batik Bu Sri',
	products: 'batik tulis Jonegoroan',
	kecamatan: 'Padangan',
	desa: 'Kuncen',
	productKind,
	nib,
	sppIrt: null,
	halal: null,
	bpomMd: null,
	trademark: null
});

/** A small real JPEG: evidence photos are decoded and re-encoded, so a fake one is refused. */
export const smallJpeg = () =>
	sharp({ create: { width: 64, height: 48, channels: 3, background: '#7a5230' } })
		.jpeg()
		.toBuffer();

/** Every lesson done and the final quiz passed: the course badge. */
async function finishCourse(userId: string, slug: string) {
	for (const lesson of findCourse(slug)!.lessons) await markLessonDone(userId, slug, lesson.slug);
	const quiz = findQuiz(slug)!;
	const right = Object.fromEntries(
		quiz.questions.map((q) => [q.id, Array.isArray(q.answer) ? q.answer : [String(q.answer)]])
	);
	await recordAttempt(userId, slug, gradeQuiz(quiz, right));
	const badge = await awardCourseBadgeIfEarned(userId, slug, BASE);
	if (!badge) throw new Error(`no course badge for ${slug}`);
	return badge;
}

async function send(userId: string, businessId: string, tier: ReadyTier) {
	const sent = await submitForReview(userId, tier);
	if (sent) throw new Error(sent);
	const [review] = await db
		.select()
		.from(table.tierReview)
		.where(and(eq(table.tierReview.businessId, businessId), eq(table.tierReview.tier, tier)));
	return review;
}

export async function readyLearner(
	trainer: SessionUser,
	name = 'Sri Wahyuni',
	tier: ReadyTier = 'rintisan'
) {
	const learner = await makeUser(name, 'learner');
	// NIB not given yet: the first tier does not ask for it.
	await saveBusiness(learner.id, business(null));
	const biz = (await getBusiness(learner.id))!;
	const photo = await savePhoto(
		{ businessId: biz.id, tier: 'rintisan', item: 'buku-kas' },
		new File([await smallJpeg()], 'buku-kas.jpg')
	);
	if (photo) throw new Error(photo);
	const courseBadge = await finishCourse(learner.id, COURSE);
	const cohort = await createCohort(trainer.id, `Bimtek ${name}`);
	await join(cohort.id, learner.id);
	const first = await send(learner.id, biz.id, 'rintisan');
	if (tier === 'rintisan') return { learner, business: biz, courseBadge, review: first };

	const endorsed = await decideReview(first.id, trainer, 'endorsed', 'Lengkap.', BASE);
	if (!endorsed.ok || !endorsed.badge) throw new Error('rintisan not endorsed');
	const courseBadges = [];
	for (const c of findTier(tier)!.courses)
		courseBadges.push(await finishCourse(learner.id, c.slug));
	await saveBusiness(learner.id, business(NIB));
	const link = await saveLink({ businessId: biz.id, tier, item: 'katalog' }, KATALOG);
	if (link) throw new Error(link);
	const review = await send(learner.id, biz.id, tier);
	return {
		learner,
		business: (await getBusiness(learner.id))!,
		courseBadge,
		courseBadges,
		rintisanBadge: endorsed.badge,
		review
	};
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
