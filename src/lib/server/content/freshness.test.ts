import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkCatalog } from './catalog-model';
import { checkCourses, checkFreshness } from './check';
import { addMonths, freshness, isIsoDay, lessonSources } from './freshness';

const DIR = 'tests/fixtures/stale-courses';
const A = `${DIR}/01-kursus-lama`;

function run(...args: string[]) {
	const r = spawnSync('npx', ['tsx', 'scripts/courses-check.ts', ...args], { encoding: 'utf8' });
	return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('lesson review dates', () => {
	it('warns, naming file:line, for a lesson without reviewed: and one past its review date', () => {
		const messages = checkFreshness(DIR, '2026-12-07').map((w) => w.message);
		expect(messages).toEqual([
			`${A}/01-tanpa-tanggal.md:2: reviewed: belum diisi (tanggal terakhir materi ini diperiksa, misalnya 2026-12-07)`,
			`${A}/02-lewat-batas.md:4: perlu diperiksa ulang: batasnya 2026-06-30; periksa aturan dan sumbernya, lalu perbarui reviewed:`,
			`${A}/03-lewat-setahun.md:4: perlu diperiksa ulang: batasnya 2026-11-30 (12 bulan setelah reviewed: 2025-11-30); periksa aturan dan sumbernya, lalu perbarui reviewed:`
		]);
		// Not errors: a stale lesson still builds and is served.
		expect(checkCourses(DIR)).toEqual([]);
	});

	it('is quiet the day before a review date, and warns the day after', () => {
		expect(freshness('2026-01-10', '2026-06-30', '2026-06-30').status).toBe('ok');
		expect(freshness('2026-01-10', '2026-06-30', '2026-07-01').status).toBe('due');
		expect(freshness(undefined, undefined, '2026-07-01').status).toBe('missing');
	});

	it('courses:check prints the warnings and passes; with --strict it fails', () => {
		const plain = run(DIR);
		expect(plain.status).toBe(0);
		expect(plain.err).toContain(`peringatan: ${A}/02-lewat-batas.md:4: perlu diperiksa ulang`);
		const strict = run(DIR, '--strict');
		expect(strict.status).toBe(1);
		expect(strict.err).toContain(`${A}/01-tanpa-tanggal.md:2: reviewed: belum diisi`);
		expect(strict.err).toContain('pelajaran perlu diperiksa ulang (--strict)');
	}, 90_000);

	it('every shipped lesson has a review date, and none is overdue today', () => {
		expect(checkFreshness('courses').map((w) => w.message)).toEqual([]);
	});

	it('refuses a review date that is no day, or a review_by before reviewed, with its line', () => {
		const lesson = (fm: string) => ({
			'/courses/01-k/course.md':
				'---\ntitle: K\nsummary: S\ncategory: legalitas\ntier: rintisan\nminutes: 5\nbadge: B\n---\n',
			'/courses/01-k/01-p.md': `---\ntitle: P\n${fm}\n---\nIsi.\n`
		});
		const messages = (fm: string) => checkCatalog(lesson(fm)).problems.map((p) => p.message);
		expect(messages('reviewed: 2026-02-30')).toEqual([
			'courses/01-k/01-p.md:3: reviewed: harus berupa tanggal yang ada, ditulis seperti 2026-12-07'
		]);
		expect(messages('reviewed: 7 Desember 2026')).toEqual([
			'courses/01-k/01-p.md:3: reviewed: harus berupa tanggal yang ada, ditulis seperti 2026-12-07'
		]);
		expect(messages('reviewed: 2026-12-07\nreview_by: 2026-01-01')).toEqual([
			'courses/01-k/01-p.md:4: review_by: harus sesudah reviewed:'
		]);
		expect(messages('reviewed: 2026-12-07\nreview_by: 2027-03-01')).toEqual([]);
	});

	it('reads calendar arithmetic the way a person would', () => {
		expect(addMonths('2025-11-30', 12)).toBe('2026-11-30');
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(isIsoDay('2028-02-29')).toBe(true);
		expect(isIsoDay('2027-02-29')).toBe(false);
	});
});

describe('lessonSources', () => {
	it('lists the items under ## Sumber with their links, and nothing from other sections', () => {
		const body = `Teks [tautan](https://bukan-sumber.id).\n\n## Sumber\n\nDiperiksa 7 Desember 2026.\n\n- [BPJPH — berita (8 Januari 2026)](https://bpjph.halal.go.id/x)\n- PP 42/2024 Pasal 160.\n\n## Lain\n\n- bukan sumber\n`;
		expect(lessonSources(body)).toEqual([
			{ text: 'BPJPH — berita (8 Januari 2026)', url: 'https://bpjph.halal.go.id/x' },
			{ text: 'PP 42/2024 Pasal 160.' }
		]);
	});
});
