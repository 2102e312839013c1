import { asc, eq, inArray, or } from 'drizzle-orm';
import { readFile } from 'node:fs/promises';
import { badgesFor } from '$lib/server/badges/award';
import { db, table } from '$lib/server/db';
import { photoPath } from '$lib/server/evidence/store';

export const EXPORT_FORMAT = 'naik-kelas-data-pribadi';

/** Everything the app holds about one person, for the right of access under UU 27/2022. */
export async function exportPersonalData(userId: string, baseUrl: string) {
	const [person] = await db.select().from(table.user).where(eq(table.user.id, userId));
	if (!person) return null;
	const [biz] = await db.select().from(table.business).where(eq(table.business.ownerId, userId));

	const evidence = biz
		? await db
				.select()
				.from(table.evidence)
				.where(eq(table.evidence.businessId, biz.id))
				.orderBy(asc(table.evidence.tier), asc(table.evidence.item))
		: [];
	const reviews = biz
		? await db
				.select()
				.from(table.tierReview)
				.where(eq(table.tierReview.businessId, biz.id))
				.orderBy(asc(table.tierReview.submittedAt))
		: [];
	const attempts = await db
		.select()
		.from(table.quizAttempt)
		.where(eq(table.quizAttempt.userId, userId))
		.orderBy(asc(table.quizAttempt.submittedAt));
	const answers = attempts.length
		? await db
				.select()
				.from(table.quizAnswer)
				.where(
					inArray(
						table.quizAnswer.attemptId,
						attempts.map((a) => a.id)
					)
				)
		: [];
	// A tier badge kept after a re-review: the note the trainer or admin wrote about it.
	const kept = biz
		? await db
				.select({
					badgeId: table.tierAward.badgeId,
					keptNote: table.tierAward.keptNote,
					keptAt: table.tierAward.keptAt
				})
				.from(table.tierAward)
				.innerJoin(table.badge, eq(table.badge.id, table.tierAward.badgeId))
				.where(eq(table.badge.businessId, biz.id))
		: [];
	const keptNotes = new Map(
		kept
			.filter((k) => k.keptAt)
			.map((k) => [k.badgeId, { keptNote: k.keptNote, keptAt: k.keptAt!.toISOString() }])
	);
	const events = await guestAndOwnEvents(userId);
	const cohorts = await cohortsOf(userId);

	return {
		format: EXPORT_FORMAT,
		exportedAt: new Date().toISOString(),
		about:
			'Semua data pribadi Anda yang disimpan Naik Kelas (UU 27/2022 tentang Pelindungan Data Pribadi). Foto bukti ada di dalam berkas ini (base64), sehingga tetap bisa dibuka setelah akun dihapus.',
		account: {
			id: person.id,
			name: person.name,
			phone: person.phone,
			email: person.email,
			role: person.role,
			createdAt: person.createdAt.toISOString()
		},
		business: biz
			? {
					name: biz.name,
					products: biz.products,
					kecamatan: biz.kecamatan,
					desa: biz.desa,
					legal: {
						nib: biz.nib,
						sppIrt: biz.sppIrt,
						halal: biz.halal,
						bpomMd: biz.bpomMd,
						trademark: biz.trademark
					},
					updatedAt: biz.updatedAt.toISOString()
				}
			: null,
		evidence: await Promise.all(evidence.map(exportEvidence)),
		tierReviews: reviews.map((r) => ({
			tier: r.tier,
			status: r.status,
			note: r.note,
			submittedAt: r.submittedAt.toISOString(),
			reviewedAt: r.reviewedAt?.toISOString() ?? null
		})),
		lessonsCompleted: (
			await db
				.select()
				.from(table.lessonProgress)
				.where(eq(table.lessonProgress.userId, userId))
				.orderBy(asc(table.lessonProgress.completedAt))
		).map((p) => ({
			course: p.course,
			lesson: p.lesson,
			completedAt: p.completedAt.toISOString()
		})),
		quizAttempts: attempts.map((a) => ({
			id: a.id,
			course: a.course,
			score: a.score,
			passMark: a.passMark,
			passed: a.passed,
			questionCount: a.questionCount,
			submittedAt: a.submittedAt.toISOString(),
			answers: answers
				.filter((x) => x.attemptId === a.id)
				.map((x) => ({
					question: x.questionId,
					answer: parseJson(x.answer),
					score: x.score,
					correct: x.correct
				}))
		})),
		badges: (await badgesFor(userId, biz?.id)).map((b) => ({
			...keptNotes.get(b.id),
			id: b.id,
			kind: b.kind,
			achievement: b.achievement,
			name: b.name,
			holderName: b.holderName,
			businessName: b.businessName,
			awardedAt: b.awardedAt.toISOString(),
			revokedAt: b.revokedAt?.toISOString() ?? null,
			revokeReason: b.revokeReason,
			verifyUrl: `${baseUrl}/verify/${b.id}`,
			/** The signed Open Badges 3.0 credential, as issued. */
			credential: parseJson(b.credential)
		})),
		cohorts,
		activity: events.map((e) => ({
			id: e.id,
			device: e.deviceId,
			kind: e.kind,
			course: e.course,
			lesson: e.lesson,
			payload: e.payload ? parseJson(e.payload) : null,
			occurredAt: e.occurredAt.toISOString(),
			receivedAt: e.receivedAt.toISOString()
		})),
		sessions: (
			await db
				.select({ expiresAt: table.session.expiresAt })
				.from(table.session)
				.where(eq(table.session.userId, userId))
		).map((s) => ({ expiresAt: s.expiresAt.toISOString() })),
		consent: consentFacts(person.createdAt, cohorts, reviews)
	};
}

export type PersonalDataExport = NonNullable<Awaited<ReturnType<typeof exportPersonalData>>>;

async function exportEvidence(e: typeof table.evidence.$inferSelect) {
	const base = {
		tier: e.tier,
		item: e.item,
		kind: e.kind,
		updatedAt: e.updatedAt.toISOString()
	};
	if (e.kind !== 'photo') return { ...base, value: e.value };
	const path = photoPath(e.value);
	const bytes = path ? await readFile(path).catch(() => null) : null;
	return {
		...base,
		photo: {
			mimeType: e.mimeType,
			bytes: bytes?.length ?? 0,
			base64: bytes ? bytes.toString('base64') : null
		}
	};
}

/**
 * The account's events and the guest events of every device it has used: those were recorded
 * under a device id before signing in, on the same phone.
 */
export async function guestAndOwnEvents(userId: string) {
	const devices = await devicesOf(userId);
	return db
		.select()
		.from(table.progressEvent)
		.where(
			devices.length
				? or(eq(table.progressEvent.userId, userId), inArray(table.progressEvent.deviceId, devices))
				: eq(table.progressEvent.userId, userId)
		)
		.orderBy(asc(table.progressEvent.occurredAt));
}

export async function devicesOf(userId: string) {
	const rows = await db
		.selectDistinct({ deviceId: table.progressEvent.deviceId })
		.from(table.progressEvent)
		.where(eq(table.progressEvent.userId, userId));
	return rows.map((r) => r.deviceId);
}

async function cohortsOf(userId: string) {
	const member = await db
		.select({
			name: table.cohort.name,
			trainer: table.user.name,
			joinedAt: table.cohortMember.joinedAt
		})
		.from(table.cohortMember)
		.innerJoin(table.cohort, eq(table.cohort.id, table.cohortMember.cohortId))
		.innerJoin(table.user, eq(table.user.id, table.cohort.trainerId))
		.where(eq(table.cohortMember.userId, userId));
	const led = await db
		.select({ name: table.cohort.name, createdAt: table.cohort.createdAt })
		.from(table.cohort)
		.where(eq(table.cohort.trainerId, userId));
	return {
		member: member.map((c) => ({
			name: c.name,
			trainer: c.trainer,
			joinedAt: c.joinedAt.toISOString()
		})),
		led: led.map((c) => ({ name: c.name, createdAt: c.createdAt.toISOString() }))
	};
}

/** Each act by which the person agreed to share data, and with whom. */
function consentFacts(
	createdAt: Date,
	cohorts: Awaited<ReturnType<typeof cohortsOf>>,
	reviews: (typeof table.tierReview.$inferSelect)[]
) {
	return [
		{
			at: createdAt.toISOString(),
			what: 'Membuat akun: nama dan kontak disimpan untuk masuk dan untuk sertifikat.'
		},
		...cohorts.member.map((c) => ({
			at: c.joinedAt,
			what: `Bergabung dengan kelompok "${c.name}": pelatih ${c.trainer} dapat melihat kemajuan belajar.`
		})),
		...reviews.map((r) => ({
			at: r.submittedAt.toISOString(),
			what: `Meminta pemeriksaan tingkat ${r.tier}: pelatih kelompok dan admin dapat melihat profil usaha dan bukti.`
		}))
	];
}

function parseJson(text: string) {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}
