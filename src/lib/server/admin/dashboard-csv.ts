import { toCsv, type Cell } from '$lib/server/export/csv';
import { formatMonth, intlLocale } from '$lib/time';
import type { DashboardNumbers } from './dashboard';

/** The words of the file, in the reader's language; the route fills them from the messages. */
export type CsvLabels = {
	header: [section: string, row: string, column: string, value: string];
	filter: string;
	kecamatan: string;
	cohort: string;
	all: string;
	tiers: string;
	tierNone: string;
	total: string;
	badges: string;
	courseBadges: string;
	tierBadges: string;
	active: string;
	learners: string;
	completion: string;
	started: string;
	completed: string;
	rate: string;
};

/**
 * The dashboard as one long table (section; row; column; value), which Excel filters and
 * pivots directly: the same numbers as the page, for the same filter.
 */
export function dashboardCsv(
	numbers: DashboardNumbers,
	filter: { kecamatan: string | null; cohortName: string | null },
	t: CsvLabels,
	locale = intlLocale()
) {
	const rows: Cell[][] = [
		[t.filter, t.kecamatan, '', filter.kecamatan ?? t.all],
		[t.filter, t.cohort, '', filter.cohortName ?? t.all]
	];
	const { tiers, badges, active, completion } = numbers;
	const levelName = (i: number) => tiers.levels[i].name ?? t.tierNone;
	for (const k of tiers.kecamatan)
		k.counts.forEach((n, i) => rows.push([t.tiers, k.name, levelName(i), n]));
	tiers.totals.forEach((n, i) => rows.push([t.tiers, t.total, levelName(i), n]));
	for (const b of badges) {
		// "Januari 2026", as people read it (a bare 2026-01 is turned into a date by Excel).
		const month = formatMonth(b.month, locale);
		rows.push([t.badges, month, t.courseBadges, b.course]);
		rows.push([t.badges, month, t.tierBadges, b.tier]);
	}
	rows.push([t.active, t.active, '', active.active]);
	rows.push([t.active, t.learners, '', active.learners]);
	for (const c of completion) {
		rows.push([t.completion, c.title, t.started, c.started]);
		rows.push([t.completion, c.title, t.completed, c.completed]);
		rows.push([t.completion, c.title, t.rate, c.rate]);
	}
	return toCsv(t.header, rows);
}
