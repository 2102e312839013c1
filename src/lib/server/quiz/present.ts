import type { Question, Quiz } from '$lib/server/content/quiz-model';

/** What the browser may see of a question: never its answer or explanation. */
export type PublicQuestion = {
	id: string;
	kind: Question['kind'];
	prompt: string;
	options?: { id: string; text: string }[];
	unit?: string;
};

export function shuffle<T>(items: readonly T[], random = Math.random): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/**
 * The quiz as one attempt shows it: questions and options in a fresh order each time.
 * Options keep their ids, so grading by id is unaffected by the order shown.
 */
export function presentQuiz(quiz: Quiz, order?: string[], random = Math.random): PublicQuestion[] {
	const byId = new Map(quiz.questions.map((q) => [q.id, q]));
	const ordered =
		order && isPermutation(order, [...byId.keys()])
			? order.map((id) => byId.get(id)!)
			: shuffle(quiz.questions, random);
	return ordered.map((q) => ({
		id: q.id,
		kind: q.kind,
		prompt: q.prompt,
		...(q.kind === 'single' || q.kind === 'multiple'
			? { options: shuffle(q.options, random).map(({ id, text }) => ({ id, text })) }
			: {}),
		...(q.kind === 'numeric' && q.unit ? { unit: q.unit } : {})
	}));
}

export function isPermutation(order: string[], ids: string[]) {
	return (
		order.length === ids.length &&
		new Set(order).size === ids.length &&
		order.every((id) => ids.includes(id))
	);
}
