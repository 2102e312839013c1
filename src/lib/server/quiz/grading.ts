import type { Question, Quiz } from '$lib/server/content/quiz-model';
import { parseIndonesianNumber } from './numbers';

/** Every answer as submitted: a list of strings per question id (checkboxes send several). */
export type Answers = Record<string, string[]>;

export type SubmissionError = 'missing' | 'invalid_option' | 'invalid_number' | 'invalid_choice';
export type SubmissionProblem =
	| { kind: 'questions'; errors: Record<string, SubmissionError> }
	/** Only a forged or stale form sends these: unknown questions or one answer sent twice. */
	| { kind: 'form'; error: 'unknown_question' | 'duplicate_answer' | 'too_large' };

const FIELD = /^q\.(.+)$/;
const MAX_FIELDS = 200;

/** Collects `q.<id>` form fields into answers. */
export function readAnswers(form: FormData): Answers | { error: 'too_large' } {
	const answers: Answers = {};
	let count = 0;
	for (const [key, value] of form.entries()) {
		const m = FIELD.exec(key);
		if (!m || typeof value !== 'string') continue;
		if (++count > MAX_FIELDS || value.length > 200) return { error: 'too_large' };
		(answers[m[1]] ??= []).push(value);
	}
	return answers;
}

/** Checks a submission against the quiz: all questions answered, once, with possible values. */
export function validateAnswers(quiz: Quiz, answers: Answers): SubmissionProblem | null {
	const ids = new Set(quiz.questions.map((q) => q.id));
	for (const id of Object.keys(answers))
		if (!ids.has(id)) return { kind: 'form', error: 'unknown_question' };
	const errors: Record<string, SubmissionError> = {};
	for (const q of quiz.questions) {
		const given = (answers[q.id] ?? []).map((a) => a.trim()).filter(Boolean);
		if (!given.length) {
			errors[q.id] = 'missing';
			continue;
		}
		if (new Set(given).size !== given.length || (q.kind !== 'multiple' && given.length > 1))
			return { kind: 'form', error: 'duplicate_answer' };
		if (q.kind === 'single' || q.kind === 'multiple') {
			const options = new Set(q.options.map((o) => o.id));
			if (!given.every((g) => options.has(g))) errors[q.id] = 'invalid_option';
		} else if (q.kind === 'truefalse') {
			if (given[0] !== 'true' && given[0] !== 'false') errors[q.id] = 'invalid_choice';
		} else if (parseIndonesianNumber(given[0]) === null) {
			errors[q.id] = 'invalid_number';
		}
	}
	return Object.keys(errors).length ? { kind: 'questions', errors } : null;
}

/** 0–1 for one validated answer. Multiple choice earns partial credit; wrong picks cost as much as right ones earn. */
export function scoreQuestion(q: Question, given: string[]): number {
	switch (q.kind) {
		case 'single':
			return given[0] === q.answer ? 1 : 0;
		case 'truefalse':
			return given[0] === String(q.answer) ? 1 : 0;
		case 'numeric': {
			const value = parseIndonesianNumber(given[0]);
			return value !== null && Math.abs(value - q.answer) <= q.tolerance + 1e-9 ? 1 : 0;
		}
		case 'multiple': {
			const key = new Set(q.answer);
			const hits = given.filter((g) => key.has(g)).length;
			const wrong = given.length - hits;
			return Math.max(0, (hits - wrong) / key.size);
		}
	}
}

export type GradedQuestion = {
	id: string;
	prompt: string;
	given: string[];
	/** A numeric answer as read, so the result can show it written one way ("Rp10.400"). */
	value?: number;
	score: number;
	correct: boolean;
	explanation: string;
};

export type GradedQuiz = {
	score: number;
	passMark: number;
	passed: boolean;
	questions: GradedQuestion[];
};

export function gradeQuiz(quiz: Quiz, answers: Answers): GradedQuiz {
	const questions = quiz.questions.map((q) => {
		const given = (answers[q.id] ?? []).map((a) => a.trim()).filter(Boolean);
		const score = scoreQuestion(q, given);
		return {
			id: q.id,
			prompt: q.prompt,
			given,
			...(q.kind === 'numeric' && given[0]
				? { value: parseIndonesianNumber(given[0]) ?? undefined }
				: {}),
			score,
			correct: score === 1,
			explanation: q.explanation
		};
	});
	const total = questions.reduce((sum, q) => sum + q.score, 0);
	const score = Math.round((total / questions.length) * 100);
	return { score, passMark: quiz.pass, passed: score >= quiz.pass, questions };
}
