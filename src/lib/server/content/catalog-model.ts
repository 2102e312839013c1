import * as v from 'valibot';
import { ContentError, parseFrontmatter, type Frontmatter } from './frontmatter';

export const CATEGORIES = ['manajemen', 'pemasaran', 'kemasan', 'legalitas'] as const;
export const TIERS = ['rintisan', 'siap-komersial', 'siap-pasar-modern'] as const;

const text = (max: number) =>
	v.pipe(
		v.string('harus berupa teks'),
		v.trim(),
		v.minLength(1, 'tidak boleh kosong'),
		v.maxLength(max, `paling panjang ${max} huruf`)
	);

const CourseMeta = v.object({
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

const LessonMeta = v.object({
	title: text(120),
	summary: v.optional(text(300))
});

export type CourseMeta = v.InferOutput<typeof CourseMeta>;

export type Lesson = {
	slug: string;
	/** Vite module id of the lesson component, e.g. /courses/01-x/02-y.md */
	file: string;
	title: string;
	summary?: string;
	minutes: number;
	index: number;
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
	file: string
): v.InferOutput<T> {
	const result = v.safeParse(schema, fm.data);
	if (result.success) return result.output;
	const issue = result.issues[0];
	const key = String(issue.path?.[0]?.key ?? '');
	const line = fm.lines[key] ?? 2;
	const what =
		issue.kind === 'schema' && issue.received === 'undefined' ? 'wajib diisi' : issue.message;
	throw new ContentError(file, line, `${key || 'frontmatter'}: ${what}`);
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

/**
 * Builds the catalogue from raw file texts keyed by path (`/courses/<folder>/<file>`).
 * Throws a ContentError naming file and line for the first problem found.
 */
export function buildCatalog(files: Record<string, string>): Course[] {
	const byFolder = new Map<string, Record<string, string>>();
	for (const [path, text] of Object.entries(files)) {
		const m = /^\/courses\/([^/]+)\/([^/]+\.md)$/.exec(path);
		if (!m) continue;
		const [, folder, name] = m;
		if (!byFolder.has(folder)) byFolder.set(folder, {});
		byFolder.get(folder)![name] = text;
	}

	const courses: Course[] = [];
	for (const folder of [...byFolder.keys()].sort()) {
		const folderFiles = byFolder.get(folder)!;
		const courseFile = `courses/${folder}/course.md`;
		const slug = slugFromName(folder);
		if (!slug)
			throw new ContentError(
				courseFile,
				1,
				`nama folder "${folder}" harus berbentuk 01-nama-kursus`
			);
		if (!folderFiles['course.md'])
			throw new ContentError(courseFile, 1, 'file course.md tidak ada');
		const fm = parseFrontmatter(courseFile, folderFiles['course.md']);
		const meta = check(CourseMeta, fm, courseFile);

		const lessons: Lesson[] = [];
		for (const name of Object.keys(folderFiles).sort()) {
			if (name === 'course.md') continue;
			const file = `courses/${folder}/${name}`;
			const lessonSlug = slugFromName(name.replace(/\.md$/, ''));
			if (!lessonSlug || lessonSlug === 'quiz')
				throw new ContentError(file, 1, `nama file "${name}" harus berbentuk 01-nama-pelajaran.md`);
			if (lessons.some((l) => l.slug === lessonSlug))
				throw new ContentError(file, 1, `alamat "${lessonSlug}" sudah dipakai pelajaran lain`);
			const lfm = parseFrontmatter(file, folderFiles[name]);
			const lmeta = check(LessonMeta, lfm, file);
			lessons.push({
				slug: lessonSlug,
				file: `/${file}`,
				title: lmeta.title,
				summary: lmeta.summary,
				minutes: readingMinutes(lfm.body),
				index: lessons.length
			});
		}
		if (!lessons.length) throw new ContentError(courseFile, 1, 'kursus ini belum punya pelajaran');
		if (courses.some((c) => c.slug === slug))
			throw new ContentError(courseFile, 1, `alamat kursus "${slug}" sudah dipakai`);
		courses.push({ ...meta, slug, folder, lessons });
	}
	return courses;
}
