import * as v from 'valibot';
import { slugId as id, text } from './fields';
import { TIERS } from './catalog-model';
import { ContentError } from './frontmatter';
import { parseYamlWithLines, schemaProblems } from './yaml-lines';

export const PROFILE_FIELDS = ['nib', 'sppIrt', 'halal', 'bpomMd', 'trademark'] as const;
/** What a business makes (its profile); an evidence item may apply to one kind only. */
export const PRODUCT_KINDS = ['pangan', 'kerajinan'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

const field = v.picklist(PROFILE_FIELDS, `harus salah satu dari: ${PROFILE_FIELDS.join(', ')}`);
/** Evidence is only asked once it has been taught: the course (slug) that teaches it. */
const taughtIn = { taught_in: id };
/** Only for this kind of business; without it, for every business. */
const forKind = {
	for: v.optional(v.picklist(PRODUCT_KINDS, `harus salah satu dari: ${PRODUCT_KINDS.join(', ')}`))
};

const Evidence = v.variant(
	'kind',
	[
		v.strictObject({
			id,
			kind: v.literal('profile'),
			field,
			/** Another profile field that satisfies the item too (SPP-IRT or BPOM MD). */
			alternative: v.optional(field),
			label: text(200),
			...taughtIn,
			...forKind
		}),
		v.strictObject({
			id,
			kind: v.picklist(['photo', 'link', 'text']),
			label: text(200),
			...taughtIn,
			...forKind
		})
	],
	'kind harus profile, photo, link atau text'
);

const Tier = v.strictObject({
	id: v.picklist(TIERS, `harus salah satu dari: ${TIERS.join(', ')}`),
	name: text(60),
	summary: text(300),
	evidence: v.array(Evidence)
});

export const TiersSchema = v.strictObject({ tiers: v.array(Tier) });
export type TierRule = v.InferOutput<typeof Tier>;
export type EvidenceRule = TierRule['evidence'][number];

/** Whether an evidence item is asked of a business of this kind (not chosen yet: food). */
export function appliesTo(rule: EvidenceRule, kind: ProductKind | null | undefined) {
	return !rule.for || rule.for === (kind ?? 'pangan');
}

/** Reads tiers.yaml; every problem with its line. The order of the list is the order of the tiers. */
export function parseTiers(
	file: string,
	source: string
): {
	tiers?: TierRule[];
	problems: ContentError[];
	lineAt?: (path: (string | number)[]) => number;
} {
	const parsed = parseYamlWithLines(file, source);
	if ('problems' in parsed) return parsed;
	const { data, lineAt } = parsed;
	const result = v.safeParse(TiersSchema, data);
	if (!result.success)
		return {
			problems: schemaProblems(file, result.issues, lineAt, (path) => path.join(' → ') || 'tiers')
		};
	const tiers = result.output.tiers;
	const problems: ContentError[] = [];
	const order = tiers.map((t) => t.id);
	if (order.join() !== TIERS.join())
		problems.push(
			new ContentError(file, lineAt(['tiers']), `tingkat harus berurutan: ${TIERS.join(', ')}`)
		);
	tiers.forEach((t, i) => {
		const ids = t.evidence.map((e) => e.id);
		if (new Set(ids).size !== ids.length)
			problems.push(
				new ContentError(
					file,
					lineAt(['tiers', i, 'evidence']),
					`tingkat ${t.id}: id bukti dipakai dua kali`
				)
			);
	});
	return problems.length ? { problems } : { tiers, problems, lineAt };
}

/**
 * Evidence is asked only by a tier whose courses, or an earlier tier's, teach it: a learner is
 * never asked for an SPP-IRT number before the course that explains it.
 */
export function evidenceOrderProblems(
	file: string,
	tiers: TierRule[],
	courses: { slug: string; tier: string }[],
	lineAt: (path: (string | number)[]) => number = () => 1
): ContentError[] {
	const problems: ContentError[] = [];
	const order = tiers.map((t) => t.id as string);
	tiers.forEach((tier, i) =>
		tier.evidence.forEach((e, j) => {
			const course = courses.find((c) => c.slug === e.taught_in);
			const line = lineAt(['tiers', i, 'evidence', j, 'taught_in']);
			if (!course)
				problems.push(
					new ContentError(file, line, `bukti ${e.id}: kursus ${e.taught_in} tidak ada`)
				);
			else if (order.indexOf(course.tier) > i)
				problems.push(
					new ContentError(
						file,
						line,
						`bukti ${e.id} diminta di tingkat ${tier.id}, padahal kursus ${e.taught_in} yang mengajarkannya baru di tingkat ${course.tier}`
					)
				);
		})
	);
	return problems;
}
