import { inArray } from 'drizzle-orm';
import { normalisePhone } from '$lib/contact';
import { db, table } from '$lib/server/db';
import type { Cohort } from '$lib/server/db/schema';
import { newOneTimeCode, oneTimeHash } from '$lib/server/auth/one-time';
import { LIMITS, recordFailure, retryAfterMs } from '$lib/server/auth/rate-limit';
import type { ParticipantRow } from './participant-csv';

export type RowProblem =
	| 'name_required'
	| 'name_too_long'
	| 'phone_required'
	| 'phone_invalid'
	| 'too_long'
	| 'formula_cell'
	| 'phone_duplicate_in_file'
	| 'phone_registered';

export type Refused = ParticipantRow & { problem: RowProblem; sameAs?: number };
export type Created = {
	id: string;
	name: string;
	phone: string;
	businessName: string;
	code: string;
};

// A cell starting like a spreadsheet formula; refused rather than stored and exported later.
const FORMULA = /^[=+\-@]/;

/** Excel drops a phone number's leading 0 when the column is not formatted as text. */
function phoneOf(cell: string) {
	const digits = cell.replace(/[\s\-.()]/g, '');
	return normalisePhone(/^8\d{8,11}$/.test(digits) ? `0${digits}` : cell);
}

function rowProblem(row: ParticipantRow): RowProblem | null {
	if (!row.name) return 'name_required';
	if (row.name.length > 100) return 'name_too_long';
	if ([row.name, row.businessName, row.desa].some((cell) => FORMULA.test(cell)))
		return 'formula_cell';
	if (row.businessName.length > 120 || row.desa.length > 80) return 'too_long';
	if (!row.phone) return 'phone_required';
	if (!phoneOf(row.phone)) return 'phone_invalid';
	return null;
}

/** Splits rows into those that can be created and those refused, with the reason for each. */
export async function checkRows(rows: ParticipantRow[]) {
	const refused: Refused[] = [];
	const good: (ParticipantRow & { phone: string })[] = [];
	const seen = new Map<string, number>();
	for (const row of rows) {
		const problem = rowProblem(row);
		if (problem) {
			refused.push({ ...row, problem });
			continue;
		}
		const phone = phoneOf(row.phone)!;
		const first = seen.get(phone);
		if (first !== undefined) {
			refused.push({ ...row, problem: 'phone_duplicate_in_file', sameAs: first });
			continue;
		}
		seen.set(phone, row.line);
		good.push({ ...row, phone });
	}
	const taken = good.length
		? await db
				.select({ phone: table.user.phone })
				.from(table.user)
				.where(
					inArray(
						table.user.phone,
						good.map((r) => r.phone)
					)
				)
		: [];
	// Someone already registered joins with the cohort's code themselves: a trainer must not be
	// able to pull any account into their cohort (and see its progress) by typing its number.
	const registered = new Set(taken.map((t) => t.phone));
	for (const row of good.filter((r) => registered.has(r.phone)))
		refused.push({ ...row, problem: 'phone_registered' });
	return {
		good: good.filter((r) => !registered.has(r.phone)),
		refused: refused.sort((a, b) => a.line - b.line)
	};
}

/**
 * Creates an account (with its business profile when a business name is given) and a cohort
 * membership for every acceptable row, each with a one-time first password. A refused row
 * creates nothing; a number registered meanwhile by someone else is refused, not merged.
 */
export async function importParticipants(
	cohort: Cohort,
	rows: ParticipantRow[],
	actorId = cohort.trainerId,
	now = Date.now()
) {
	const { good, refused } = await checkRows(rows);
	// Counted before any password is hashed; over the bound, nothing is created.
	const limit = LIMITS.importPerTrainer;
	const key = `import:trainer:${actorId}`;
	if (good.length && (await recordFailure(key, limit, now, good.length)) > limit.max) {
		const wait = await retryAfterMs(key, limit, now);
		// Nothing was made: a smaller file may still fit in what is left of the hour.
		await recordFailure(key, limit, now, -good.length);
		return { created: [], refused, retryAfterMs: Math.max(1000, wait) };
	}
	// argon2 runs on the thread pool: a few at a time keeps the server answering others.
	const prepared: (ParticipantRow & { phone: string; code: string; hash: string })[] = [];
	for (let i = 0; i < good.length; i += 4)
		prepared.push(
			...(await Promise.all(
				good.slice(i, i + 4).map(async (row) => {
					const code = newOneTimeCode();
					return { ...row, code, hash: await oneTimeHash(code) };
				})
			))
		);
	const created: Created[] = [];
	await db.transaction(async (tx) => {
		for (const row of prepared) {
			const id = crypto.randomUUID();
			const [user] = await tx
				.insert(table.user)
				.values({
					id,
					name: row.name,
					phone: row.phone,
					passwordHash: row.hash,
					mustChangePassword: true
				})
				.onConflictDoNothing()
				.returning({ id: table.user.id });
			if (!user) {
				refused.push({ ...row, problem: 'phone_registered' });
				continue;
			}
			if (row.businessName)
				await tx.insert(table.business).values({
					id: crypto.randomUUID(),
					ownerId: id,
					name: row.businessName,
					kecamatan: cohort.kecamatan,
					desa: row.desa,
					updatedAt: new Date()
				});
			await tx.insert(table.cohortMember).values({ cohortId: cohort.id, userId: id });
			created.push({
				id,
				name: row.name,
				phone: row.phone,
				businessName: row.businessName,
				code: row.code
			});
		}
	});
	return { created, refused: refused.sort((a, b) => a.line - b.line), retryAfterMs: 0 };
}
