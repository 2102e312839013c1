import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkCatalog } from './catalog-model';
import { freshnessWarnings } from './freshness';
import { ContentError } from './frontmatter';
import { checkLessonBody } from './lesson-checks';
import { parseQuiz } from './quiz-model';
import { evidenceOrderProblems, parseTiers } from './tier-model';

/**
 * Validates a whole courses folder from disk: frontmatter, lesson order, practice questions,
 * components, images, internal links and quizzes. Returns every problem, sorted by file and line.
 */
export function checkCourses(dir = 'courses'): ContentError[] {
	return check(dir).problems;
}

/**
 * Lessons past their review date or without one: warnings, not errors (an old lesson still
 * builds), failing `npm run courses:check -- --strict`. `today` as YYYY-MM-DD.
 */
export function checkFreshness(dir = 'courses', today = new Date().toISOString().slice(0, 10)) {
	return check(dir, today).warnings;
}

function check(dir: string, today?: string) {
	const root = resolve(dir);
	const files: Record<string, string> = {};
	const quizzes: Record<string, string> = {};
	for (const folder of readdirSync(root).sort()) {
		if (!statSync(join(root, folder)).isDirectory()) continue;
		for (const name of readdirSync(join(root, folder))) {
			const text = () => readFileSync(join(root, folder, name), 'utf8');
			if (name.endsWith('.md')) files[`/courses/${folder}/${name}`] = text();
			if (name === 'quiz.yaml') quizzes[folder] = text();
		}
	}
	const shown = (folder: string, name: string) =>
		relative(process.cwd(), join(root, folder, name)) || `${dir}/${folder}/${name}`;

	const { courses, folders, problems } = checkCatalog(files);
	// Messages name files as they are on disk, so an editor can open them.
	const rename = (p: ContentError) => {
		const [, folder, name] = p.file.split('/');
		return new ContentError(shown(folder, name), p.line, p.problem);
	};
	const all = problems.map(rename);

	const addresses = new Set<string>();
	for (const c of courses) {
		addresses.add(`/courses/${c.slug}`).add(`/courses/${c.slug}/quiz`);
		for (const l of c.lessons) addresses.add(`/courses/${c.slug}/${l.slug}`);
	}
	const resolves = (path: string) =>
		addresses.has(path.replace(/\/$/, '')) || ['/', '/courses', '/account'].includes(path);

	for (const course of folders) {
		for (const lesson of course.lessons) {
			const name = lesson.file.split('/').pop()!;
			const lessonProblems = checkLessonBody({
				file: shown(course.folder, name),
				body: lesson.body,
				bodyLine: lesson.bodyLine,
				exists: (p) => existsSync(join(root, course.folder, p)),
				resolves
			});
			all.push(...lessonProblems);
		}
		const quiz = quizzes[course.folder];
		if (quiz === undefined) {
			all.push(
				new ContentError(shown(course.folder, 'quiz.yaml'), 1, 'kuis kursus (quiz.yaml) belum ada')
			);
		} else {
			all.push(...parseQuiz(shown(course.folder, 'quiz.yaml'), quiz).problems);
		}
	}
	const tiersFile = join(root, 'tiers.yaml');
	if (existsSync(tiersFile)) {
		const shownTiers = relative(process.cwd(), tiersFile);
		const {
			tiers,
			problems: tierProblems,
			lineAt
		} = parseTiers(shownTiers, readFileSync(tiersFile, 'utf8'));
		all.push(...tierProblems);
		all.push(...evidenceOrderProblems(shownTiers, tiers ?? [], courses, lineAt));
		for (const tier of tiers ?? [])
			if (!courses.some((c) => c.tier === tier.id))
				all.push(
					new ContentError(
						shownTiers,
						1,
						`tingkat ${tier.id} belum punya kursus (tier: di course.md)`
					)
				);
	} else if (dir === 'courses') {
		all.push(
			new ContentError(`${dir}/tiers.yaml`, 1, 'aturan tingkat usaha (tiers.yaml) belum ada')
		);
	}
	const byPlace = (a: ContentError, b: ContentError) =>
		a.file.localeCompare(b.file) || a.line - b.line;
	const warnings = today
		? freshnessWarnings(
				folders.flatMap((course) =>
					course.lessons.map((l) => ({
						file: shown(course.folder, l.file.split('/').pop()!),
						reviewed: l.reviewed,
						reviewBy: l.reviewBy,
						lines: l.lines
					}))
				),
				today
			)
		: [];
	return { problems: all.sort(byPlace), warnings: warnings.sort(byPlace) };
}
