// What a lesson page runs of our own code: the source files reached from the lesson page and
// the root layout through their `$lib/…` and `./…` imports, and the interface messages
// (`m.key(`) those files can show. The client build puts only these (and the libraries) in the
// file every lesson downloads (vite.config.ts); code that other pages share waits in a second
// file that lessons never fetch. Reading the imports keeps this true as pages are added,
// without a hand-kept list.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const LESSON_ROOTS = [
	'src/routes/+layout.svelte',
	'src/routes/+error.svelte',
	'src/routes/courses/[course]/[lesson]/+page.svelte',
	'src/routes/courses/[course]/[lesson]/+page.ts',
	'src/lib/content/LessonLayout.svelte',
	// Lessons use it in their Markdown (mdsvex), not through an import here.
	'src/lib/components/Practice.svelte'
];
/** The same lesson inside a partner's frame (/embed/…): its own layout and page. */
const EMBEDDED_LESSON_ROOTS = [
	...LESSON_ROOTS,
	'src/routes/embed/+layout.svelte',
	'src/routes/embed/+error.svelte',
	'src/routes/embed/courses/[course]/[lesson]/+page.svelte',
	'src/routes/embed/courses/[course]/[lesson]/+page.ts'
];

/** @param {string} repo @param {string} from @param {string} spec */
function resolveImport(repo, from, spec) {
	const base = spec.startsWith('$lib/')
		? join(repo, 'src/lib', spec.slice(5))
		: spec.startsWith('.')
			? resolve(dirname(from), spec)
			: null;
	if (!base || base.includes('paraglide')) return null;
	for (const candidate of [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')])
		if (/\.(svelte|ts|js)$/.test(candidate) && existsSync(candidate)) return candidate;
	return null;
}

/** @param {string} repo the project folder */
export const lessonClosure = (repo) => closure(repo, LESSON_ROOTS);
/** @param {string} repo the project folder */
export const embeddedLessonClosure = (repo) => closure(repo, EMBEDDED_LESSON_ROOTS);

/** @param {string} repo @param {string[]} roots */
function closure(repo, roots) {
	/** @type {Set<string>} */
	const keys = new Set();
	/** @type {Set<string>} */
	const seen = new Set();
	const queue = roots.map((r) => join(repo, r)).filter((f) => existsSync(f));
	for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
		if (seen.has(file)) continue;
		seen.add(file);
		const source = readFileSync(file, 'utf8');
		for (const [, key] of source.matchAll(/\bm\.(\w+)\(/g)) keys.add(key);
		for (const [, spec] of source.matchAll(/(?:from|import)\s*['"]([^'"]+)['"]/g)) {
			const next = resolveImport(repo, file, spec);
			if (next) queue.push(next);
		}
	}
	return { files: seen, messages: keys };
}
