import { ContentProblems } from '$lib/server/content/catalog-model';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { parseQuiz, type Quiz } from '$lib/server/content/quiz-model';
import { db, table } from '$lib/server/db';

// Server-only: quiz.yaml holds the answer keys, so it must never be imported from a page.
const sources = import.meta.glob('/courses/*/quiz.yaml', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

const quizzes = new Map<string, Quiz>();
for (const [path, source] of Object.entries(sources)) {
	const folder = path.split('/')[2];
	const { quiz, problems } = parseQuiz(path.slice(1), source);
	if (!quiz) throw new ContentProblems(problems);
	quizzes.set(folder.replace(/^\d+-/, ''), quiz);
}

export function findQuiz(courseSlug: string): Quiz | undefined {
	return quizzes.get(courseSlug);
}

/** A short hash of the quiz as it is now: the version an attempt is graded against. */
const versions = new Map([...quizzes].map(([slug, quiz]) => [slug, hashQuiz(quiz)]));

function hashQuiz(quiz: Quiz) {
	return createHash('sha256').update(JSON.stringify(quiz)).digest('base64url').slice(0, 16);
}

export function quizVersion(courseSlug: string) {
	return versions.get(courseSlug);
}

const remembered = new Set<string>();

/**
 * Stores the current version, so an offline attempt made against it can be graded later.
 * Once per process and course: the quiz page is a hot path and the row never changes.
 */
export async function rememberQuizVersion(courseSlug: string) {
	const quiz = quizzes.get(courseSlug);
	const hash = versions.get(courseSlug);
	if (!quiz || !hash || remembered.has(hash)) return;
	await db
		.insert(table.quizVersion)
		.values({ hash, course: courseSlug, quiz: JSON.stringify(quiz) })
		.onConflictDoNothing();
	remembered.add(hash);
}

/** The quiz as it was at `hash`: the current one, or an earlier version kept in the database. */
export async function quizAtVersion(courseSlug: string, hash: string): Promise<Quiz | undefined> {
	if (versions.get(courseSlug) === hash) return quizzes.get(courseSlug);
	const [row] = await db.select().from(table.quizVersion).where(eq(table.quizVersion.hash, hash));
	return row?.course === courseSlug ? (JSON.parse(row.quiz) as Quiz) : undefined;
}
