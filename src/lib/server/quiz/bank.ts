import { ContentProblems } from '$lib/server/content/catalog-model';
import { parseQuiz, type Quiz } from '$lib/server/content/quiz-model';

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
