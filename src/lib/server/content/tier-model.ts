import * as v from 'valibot';
import { slugId as id, text } from './fields';
import { TIERS } from './catalog-model';
import { ContentError } from './frontmatter';
import { parseYamlWithLines, schemaProblems } from './yaml-lines';

export const PROFILE_FIELDS = ['nib', 'sppIrt', 'halal', 'bpomMd', 'trademark'] as const;

const field = v.picklist(PROFILE_FIELDS, `harus salah satu dari: ${PROFILE_FIELDS.join(', ')}`);

const Evidence = v.variant(
	'kind',
	[
		v.strictObject({
			id,
			kind: v.literal('profile'),
			field,
			/** Another profile field that satisfies the item too (SPP-IRT or BPOM MD). */
			alternative: v.optional(field),
			label: text(200)
		}),
		v.strictObject({ id, kind: v.picklist(['photo', 'link', 'text']), label: text(200) })
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

/** Reads tiers.yaml; every problem with its line. The order of the list is the order of the tiers. */
export function parseTiers(
	file: string,
	source: string
): { tiers?: TierRule[]; problems: ContentError[] } {
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
	return problems.length ? { problems } : { tiers, problems };
}
