import { ContentError } from './frontmatter';

/**
 * Whether a lesson's rules are still known to be true: every lesson says when it was last
 * checked (`reviewed:`) and may say when it must be checked again (`review_by:`); without a
 * `review_by`, a lesson is due a year after its review. Rules for halal, KUR or licensing move
 * faster than that, so those lessons set an earlier `review_by`.
 */

export const REVIEW_MONTHS = 12;

/** A calendar day as written in frontmatter: 2026-12-07. */
export const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isIsoDay(value: unknown): value is string {
	if (typeof value !== 'string' || !ISO_DAY.test(value)) return false;
	// 2026-02-30 matches the pattern but is no day.
	return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/** `day` plus `months` months, as YYYY-MM-DD (the end of a shorter month where needed). */
export function addMonths(day: string, months: number): string {
	const [y, m, d] = day.split('-').map(Number);
	const target = new Date(Date.UTC(y, m - 1 + months, 1));
	const last = new Date(
		Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)
	).getUTCDate();
	target.setUTCDate(Math.min(d, last));
	return target.toISOString().slice(0, 10);
}

export type Freshness =
	{ status: 'missing' } | { status: 'ok' | 'due'; reviewed: string; reviewBy: string };

/** Today's state of a lesson; `today` as YYYY-MM-DD. */
export function freshness(
	reviewed: string | undefined,
	reviewBy: string | undefined,
	today: string
): Freshness {
	if (!reviewed) return { status: 'missing' };
	const by = reviewBy ?? addMonths(reviewed, REVIEW_MONTHS);
	return { status: by < today ? 'due' : 'ok', reviewed, reviewBy: by };
}

export type LessonDates = {
	/** As the check names it, e.g. courses/01-x/02-y.md */
	file: string;
	reviewed?: string;
	reviewBy?: string;
	/** Frontmatter lines of the keys, for messages; line 2 when a key is missing. */
	lines: Record<string, number>;
};

/** Warnings (not errors: an old lesson still builds) for `npm run courses:check`. */
export function freshnessWarnings(lessons: LessonDates[], today: string): ContentError[] {
	const warnings: ContentError[] = [];
	for (const l of lessons) {
		const f = freshness(l.reviewed, l.reviewBy, today);
		if (f.status === 'missing')
			warnings.push(
				new ContentError(
					l.file,
					2,
					'reviewed: belum diisi (tanggal terakhir materi ini diperiksa, misalnya 2026-12-07)'
				)
			);
		else if (f.status === 'due')
			warnings.push(
				new ContentError(
					l.file,
					l.lines[l.reviewBy ? 'review_by' : 'reviewed'] ?? 2,
					`perlu diperiksa ulang: batasnya ${f.reviewBy}${l.reviewBy ? '' : ` (${REVIEW_MONTHS} bulan setelah reviewed: ${f.reviewed})`}; periksa aturan dan sumbernya, lalu perbarui reviewed:`
				)
			);
	}
	return warnings;
}

export type Source = { text: string; url?: string };

/**
 * The lines of a lesson's "## Sumber" section, for PKK's review list: the text of each item
 * (links reduced to their words) and its first link.
 */
export function lessonSources(body: string): Source[] {
	const start = body.search(/^## Sumber\s*$/m);
	if (start < 0) return [];
	const rest = body.slice(start).split('\n').slice(1);
	const end = rest.findIndex((l) => /^## /.test(l));
	const lines = end < 0 ? rest : rest.slice(0, end);
	return lines
		.filter((l) => /^\s*[-*] /.test(l))
		.map((l) => {
			const item = l.replace(/^\s*[-*] /, '').trim();
			const url = /\]\((https?:\/\/[^)\s]+)\)/.exec(item)?.[1];
			const text = item.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim();
			return url ? { text, url } : { text };
		});
}
