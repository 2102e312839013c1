import * as v from 'valibot';
import { text } from './fields';
import { isIsoDay } from './freshness';
import { ContentError, parseFrontmatter, type Frontmatter } from './frontmatter';

export const CATEGORIES = ['manajemen', 'pemasaran', 'kemasan', 'legalitas'] as const;
export const TIERS = ['rintisan', 'siap-komersial', 'siap-pasar-modern'] as const;

const CourseMeta = v.strictObject({
	title: text(80),
	summary: text(300),
	category: v.picklist(CATEGORIES, `harus salah satu dari: ${CATEGORIES.join(', ')}`),
	tier: v.picklist(TIERS, `harus salah satu dari: ${TIERS.join(', ')}`),
	minutes: v.pipe(
		v.number('harus berupa angka'),
		v.integer('harus bilangan bulat'),
		v.minValue(1, 'minimal 1')
	),
	badge: text(80)
});

/** A day written 2026-12-07 (YAML reads it as text); the check warns when it is missing. */
const day = v.pipe(
	v.string('harus berupa tanggal, misalnya 2026-12-07'),
	v.check((s: string) => isIsoDay(s), 'harus berupa tanggal yang ada, ditulis seperti 2026-12-07')
);

const LessonMeta = v.pipe(
	v.strictObject({
		title: text(120),
		summary: v.optional(text(300)),
		/** The day the lesson's rules and sources were last checked. */
		reviewed: v.optional(day),
		/** The day it must be checked again (default: a year after `reviewed`). */
		review_by: v.optional(day)
	}),
	v.forward(
		v.check(
			(m) => !m.review_by || !m.reviewed || m.review_by > m.reviewed,
			'harus sesudah reviewed:'
		),
		['review_by']
	)
);

export type CourseMeta = v.InferOutput<typeof CourseMeta>;

export type Lesson = {
	slug: string;
	/** Vite module id of the lesson component, e.g. /courses/01-x/02-y.md */
	file: string;
	title: string;
	summary?: string;
	minutes: number;
	index: number;
	/** Last checked (YYYY-MM-DD), shown to learners as "Diperbarui …". */
	reviewed?: string;
	reviewBy?: string;
};

export type Course = CourseMeta & {
	slug: string;
	folder: string;
	lessons: Lesson[];
};

/** "01-manajemen-usaha" → "manajemen-usaha"; null when the name has no number to order it by. */
export function slugFromName(name: string): string | null {
	const m = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(name);
	return m ? m[2] : null;
}

function check<T extends v.GenericSchema>(
	schema: T,
	fm: Frontmatter,
	file: string,
	problems: ContentError[]
): v.InferOutput<T> | null {
	const result = v.safeParse(schema, fm.data);
	if (result.success) return result.output;
	for (const issue of result.issues) {
		const key = String(issue.path?.[0]?.key ?? '');
		const what =
			issue.kind === 'schema' && issue.received === 'undefined' ? 'wajib diisi' : issue.message;
		problems.push(new ContentError(file, fm.lines[key] ?? 2, `${key || 'frontmatter'}: ${what}`));
	}
	return null;
}

/** Words of prose at ~180 per minute: older readers on small screens read slowly. */
export function readingMinutes(markdown: string): number {
	const prose = markdown
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<Practice[\s\S]*?\/>/g, '')
		.replace(/!\[[^\]]*\]\([^)]*\)/g, '');
	const words = prose.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
	return Math.max(1, Math.round(words / 180));
}

export type ParsedLesson = Lesson & {
	source: string;
	body: string;
	bodyLine: number;
	/** Frontmatter line of each key. */
	lines: Record<string, number>;
};
export type CatalogCheck = {
	courses: (Course & { lessons: ParsedLesson[] })[];
	/** Every course folder, valid or not, so its lessons and quiz can be checked too. */
	folders: { folder: string; slug: string | null; lessons: ParsedLesson[] }[];
	problems: ContentError[];
};

/**
 * Reads the catalogue from raw file texts keyed by path (`/courses/<folder>/<file>`),
 * collecting every problem with its file and line instead of stopping at the first.
 */
export function checkCatalog(files: Record<string, string>): CatalogCheck {
	const problems: ContentError[] = [];
	const byFolder = new Map<string, Record<string, string>>();
	for (const [path, text] of Object.entries(files)) {
		const m = /^\/courses\/([^/]+)\/([^/]+\.md)$/.exec(path);
		if (!m) continue;
		const [, folder, name] = m;
		if (!byFolder.has(folder)) byFolder.set(folder, {});
		byFolder.get(folder)![name] = text;
	}

	const courses: CatalogCheck['courses'] = [];
	const folders: CatalogCheck['folders'] = [];
	for (const folder of [...byFolder.keys()].sort()) {
		const folderFiles = byFolder.get(folder)!;
		const courseFile = `courses/${folder}/course.md`;
		const slug = slugFromName(folder);
		if (!slug)
			problems.push(
				new ContentError(courseFile, 1, `nama folder "${folder}" harus berbentuk 01-nama-kursus`)
			);
		if (courses.some((c) => c.slug === slug))
			problems.push(new ContentError(courseFile, 1, `alamat kursus "${slug}" sudah dipakai`));
		let meta: CourseMeta | null = null;
		if (!folderFiles['course.md']) {
			problems.push(new ContentError(courseFile, 1, 'file course.md tidak ada'));
		} else {
			const fm = tryParse(courseFile, folderFiles['course.md'], problems);
			if (fm) meta = check(CourseMeta, fm, courseFile, problems);
		}

		const lessons: ParsedLesson[] = [];
		const numbers = new Map<string, string>();
		for (const name of Object.keys(folderFiles).sort()) {
			if (name === 'course.md') continue;
			const file = `courses/${folder}/${name}`;
			const base = name.replace(/\.md$/, '');
			const lessonSlug = slugFromName(base);
			if (!lessonSlug || lessonSlug === 'quiz') {
				problems.push(
					new ContentError(file, 1, `nama file "${name}" harus berbentuk 01-nama-pelajaran.md`)
				);
				continue;
			}
			const number = base.split('-')[0];
			if (numbers.has(number))
				problems.push(
					new ContentError(file, 1, `nomor urut ${number} sudah dipakai ${numbers.get(number)}`)
				);
			numbers.set(number, name);
			if (lessons.some((l) => l.slug === lessonSlug))
				problems.push(
					new ContentError(file, 1, `alamat "${lessonSlug}" sudah dipakai pelajaran lain`)
				);
			const lfm = tryParse(file, folderFiles[name], problems);
			const lmeta = lfm && check(LessonMeta, lfm, file, problems);
			if (!lfm || !lmeta) continue;
			lessons.push({
				slug: lessonSlug,
				file: `/${file}`,
				title: lmeta.title,
				summary: lmeta.summary,
				minutes: readingMinutes(lfm.body),
				index: lessons.length,
				reviewed: lmeta.reviewed,
				reviewBy: lmeta.review_by,
				source: folderFiles[name],
				body: lfm.body,
				bodyLine: lfm.bodyLine,
				lines: lfm.lines
			});
		}
		if (!lessons.length && !problems.length)
			problems.push(new ContentError(courseFile, 1, 'kursus ini belum punya pelajaran'));
		folders.push({ folder, slug, lessons });
		if (slug && meta) courses.push({ ...meta, slug, folder, lessons });
	}
	return { courses, folders, problems };
}

function tryParse(file: string, text: string, problems: ContentError[]) {
	try {
		return parseFrontmatter(file, text);
	} catch (e) {
		if (e instanceof ContentError) problems.push(e);
		else throw e;
		return null;
	}
}

/** Every problem at once, one `file:line: what is wrong` per line. */
export class ContentProblems extends Error {
	constructor(readonly problems: ContentError[]) {
		super(problems.map((p) => p.message).join('\n'));
		this.name = 'ContentProblems';
	}
}

/** The catalogue the app serves; refuses to start on broken content. */
export function buildCatalog(files: Record<string, string>): Course[] {
	const { courses, problems } = checkCatalog(files);
	if (problems.length) throw new ContentProblems(problems);
	// Sources stay out of the served catalogue: the lesson pages import the compiled lessons.
	return courses.map((c) => ({
		...c,
		lessons: c.lessons.map(
			({ slug, file, title, summary, minutes, index, reviewed, reviewBy }) => ({
				slug,
				file,
				title,
				summary,
				minutes,
				index,
				reviewed,
				reviewBy
			})
		)
	}));
}
