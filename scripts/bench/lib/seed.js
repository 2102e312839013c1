// Seeds the fresh database through the app's own forms: the first admin, learners, and one
// learner who finishes Manajemen Usaha and so holds a course badge (for the verify page).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { getPage, mapLimit, postForm, sessionCookie } from './http.js';

export const COURSE = 'manajemen-usaha';
const COURSE_DIR = '01-manajemen-usaha';
export const PASSWORD = 'sandi bench kuat 2026';

/** Lesson slugs of a course folder, in order (`03-menghitung-hpp.md` → `menghitung-hpp`). */
export async function lessonSlugs(repo, courseDir = COURSE_DIR) {
	const files = (await readdir(join(repo, 'courses', courseDir))).filter((f) =>
		/^\d+-.+\.md$/.test(f)
	);
	return files.sort().map((f) => f.replace(/^\d+-/, '').replace(/\.md$/, ''));
}

/** Every lesson of every course, as { course, lesson }. */
export async function allLessons(repo) {
	const dirs = (await readdir(join(repo, 'courses'), { withFileTypes: true }))
		.filter((d) => d.isDirectory() && /^\d+-/.test(d.name))
		.map((d) => d.name)
		.sort();
	const out = [];
	for (const dir of dirs)
		for (const lesson of await lessonSlugs(repo, dir))
			out.push({ course: dir.replace(/^\d+-/, ''), lesson });
	return out;
}

export async function createAdmin(base) {
	const contact = 'admin@bench.example';
	const { res, body } = await postForm(base, '/setup', {
		name: 'Admin Bench',
		contact,
		password: PASSWORD,
		confirm: PASSWORD
	});
	const cookie = sessionCookie(res);
	if (res.status !== 303 || !cookie)
		throw new Error(`setup failed: ${res.status} ${body.slice(0, 300)}`);
	return { contact, cookie };
}

let phoneCounter = 0;
/** A phone number unique within this run (the database is fresh). */
function nextPhone() {
	phoneCounter += 1;
	return `0857${String(10_000_000 + phoneCounter).slice(-8)}`;
}

export async function registerLearner(base, name = 'Peserta Bench') {
	const contact = nextPhone();
	const { res, body } = await postForm(base, '/register', {
		name,
		contact,
		password: PASSWORD,
		confirm: PASSWORD
	});
	const cookie = sessionCookie(res);
	if (res.status !== 303 || !cookie)
		throw new Error(`register failed: ${res.status} ${body.slice(0, 300)}`);
	return { contact, cookie };
}

export async function registerLearners(base, count) {
	return mapLimit(
		Array.from({ length: count }, (_, i) => i),
		4,
		(i) => registerLearner(base, `Peserta Bench ${i + 1}`)
	);
}

/** Form fields answering every question of a quiz.yaml correctly. */
export function correctAnswers(quiz) {
	const fields = {};
	for (const q of quiz.questions)
		fields[`q.${q.id}`] = Array.isArray(q.answer) ? q.answer : String(q.answer);
	fields.order = quiz.questions.map((q) => q.id).join(',');
	return fields;
}

/** Completes every lesson and passes the quiz; returns the badge id from the result page. */
export async function earnCourseBadge(base, repo, cookie) {
	for (const lesson of await lessonSlugs(repo)) {
		const { res } = await postForm(base, `/courses/${COURSE}/${lesson}?/complete`, {}, cookie);
		if (res.status >= 400) throw new Error(`completing ${lesson} failed: ${res.status}`);
	}
	const quiz = parse(await readFile(join(repo, 'courses', COURSE_DIR, 'quiz.yaml'), 'utf8'));
	const { res, body } = await postForm(
		base,
		`/courses/${COURSE}/quiz`,
		correctAnswers(quiz),
		cookie
	);
	if (res.status >= 400) throw new Error(`quiz submission failed: ${res.status}`);
	let id = /\/verify\/([A-Za-z0-9_-]+)/.exec(body)?.[1];
	if (!id)
		id = /\/verify\/([A-Za-z0-9_-]+)/.exec((await getPage(base, '/account', cookie)).body)?.[1];
	if (!id) throw new Error('no badge after completing the course and passing its quiz');
	return id;
}

/**
 * The data every measurement shares: an admin, a learner with a session, and a badge.
 * @returns {Promise<{ admin: { contact: string, cookie: string }, learner: { contact: string, cookie: string }, badgeId: string }>}
 */
export async function seed(base, repo) {
	const admin = await createAdmin(base);
	const learner = await registerLearner(base, 'Bu Sri Bench');
	const badgeId = await earnCourseBadge(base, repo, learner.cookie);
	return { admin, learner, badgeId };
}
