import { describe, expect, it } from 'vitest';
import type { Quiz } from '$lib/server/content/quiz-model';
import { gradeQuiz, readAnswers, scoreQuestion, validateAnswers } from './grading';
import { parseIndonesianNumber } from './numbers';
import { presentQuiz, shuffle } from './present';

const quiz: Quiz = {
	pass: 70,
	questions: [
		{
			id: 'dompet',
			kind: 'single',
			prompt: 'Uang penjualan masuk ke mana?',
			options: [
				{ id: 'a', text: 'Dompet rumah' },
				{ id: 'b', text: 'Dompet usaha' },
				{ id: 'c', text: 'Dibagi dua' }
			],
			answer: 'b',
			explanation: 'Dompet usaha.'
		},
		{
			id: 'biaya',
			kind: 'multiple',
			prompt: 'Mana yang masuk HPP?',
			options: [
				{ id: 'a', text: 'Bahan baku' },
				{ id: 'b', text: 'Kemasan' },
				{ id: 'c', text: 'Uang sekolah anak' },
				{ id: 'd', text: 'Gas' }
			],
			answer: ['a', 'b', 'd'],
			explanation: 'Bahan, kemasan, gas.'
		},
		{
			id: 'gaji',
			kind: 'truefalse',
			prompt: 'Gaji pemilik diambil sesuka hati.',
			answer: false,
			explanation: 'Salah.'
		},
		{
			id: 'hpp',
			kind: 'numeric',
			prompt: 'HPP per bungkus?',
			answer: 7000,
			tolerance: 50,
			unit: 'Rp',
			explanation: 'Rp350.000 ÷ 50 = Rp7.000.'
		}
	]
};
const [single, multiple, truefalse, numeric] = quiz.questions;

describe('parseIndonesianNumber', () => {
	it.each([
		['12500', 12500],
		['12.500', 12500],
		['Rp12.500', 12500],
		['Rp 1.250.000', 1250000],
		['0,3', 0.3],
		['12,5', 12.5],
		['12.5', 12.5],
		['1.234,5', 1234.5],
		[' 7000 ', 7000],
		['-500', -500]
	])('%s → %d', (input, value) => {
		expect(parseIndonesianNumber(input)).toBe(value);
	});
	it.each(['', 'tujuh ribu', '12.50.0', '1e9', 'Rp', '12,500,000'])('refuses %j', (input) => {
		expect(parseIndonesianNumber(input)).toBeNull();
	});
});

describe('scoreQuestion', () => {
	it('single choice: only the key scores', () => {
		expect(scoreQuestion(single, ['b'])).toBe(1);
		expect(scoreQuestion(single, ['a'])).toBe(0);
	});
	it('true/false', () => {
		expect(scoreQuestion(truefalse, ['false'])).toBe(1);
		expect(scoreQuestion(truefalse, ['true'])).toBe(0);
	});
	it('numeric: inside the tolerance, in any Indonesian spelling', () => {
		expect(scoreQuestion(numeric, ['7000'])).toBe(1);
		expect(scoreQuestion(numeric, ['7.050'])).toBe(1);
		expect(scoreQuestion(numeric, ['Rp6.950'])).toBe(1);
		expect(scoreQuestion(numeric, ['7.051'])).toBe(0);
		expect(scoreQuestion(numeric, ['4600'])).toBe(0);
	});
	it('multiple choice: full, partial and wrong-pick-penalised credit', () => {
		expect(scoreQuestion(multiple, ['a', 'b', 'd'])).toBe(1);
		expect(scoreQuestion(multiple, ['d', 'b', 'a'])).toBe(1);
		expect(scoreQuestion(multiple, ['a', 'b'])).toBeCloseTo(2 / 3);
		expect(scoreQuestion(multiple, ['a', 'b', 'c'])).toBeCloseTo(1 / 3);
		// ticking every box is not a strategy
		expect(scoreQuestion(multiple, ['a', 'b', 'c', 'd'])).toBeCloseTo(2 / 3);
		expect(scoreQuestion(multiple, ['c'])).toBe(0);
	});
});

describe('gradeQuiz', () => {
	it('scores in percent against the pass mark and explains every question', () => {
		const all = gradeQuiz(quiz, {
			dompet: ['b'],
			biaya: ['a', 'b', 'd'],
			gaji: ['false'],
			hpp: ['7.000']
		});
		expect(all).toMatchObject({ score: 100, passMark: 70, passed: true });
		expect(all.questions.map((q) => q.explanation)).toEqual(
			quiz.questions.map((q) => q.explanation)
		);

		const some = gradeQuiz(quiz, {
			dompet: ['b'],
			biaya: ['a', 'b'],
			gaji: ['true'],
			hpp: ['7000']
		});
		// (1 + 2/3 + 0 + 1) / 4 = 66.7 → 67, under 70
		expect(some).toMatchObject({ score: 67, passed: false });
		expect(some.questions.find((q) => q.id === 'biaya')).toMatchObject({ correct: false });
	});
});

describe('validateAnswers', () => {
	const complete = { dompet: ['b'], biaya: ['a'], gaji: ['true'], hpp: ['7000'] };
	it('accepts one answer per question', () => {
		expect(validateAnswers(quiz, complete)).toBeNull();
	});
	it('names each missing or impossible answer', () => {
		expect(
			validateAnswers(quiz, { dompet: ['z'], biaya: [], gaji: ['mungkin'], hpp: ['tujuh ribu'] })
		).toEqual({
			kind: 'questions',
			errors: {
				dompet: 'invalid_option',
				biaya: 'missing',
				gaji: 'invalid_choice',
				hpp: 'invalid_number'
			}
		});
	});
	it('refuses answers to questions the quiz does not have, and answers sent twice', () => {
		expect(validateAnswers(quiz, { ...complete, palsu: ['a'] })).toEqual({
			kind: 'form',
			error: 'unknown_question'
		});
		expect(validateAnswers(quiz, { ...complete, dompet: ['b', 'a'] })).toEqual({
			kind: 'form',
			error: 'duplicate_answer'
		});
		expect(validateAnswers(quiz, { ...complete, biaya: ['a', 'a'] })).toEqual({
			kind: 'form',
			error: 'duplicate_answer'
		});
	});
	it('reads only q.* form fields and refuses oversized submissions', () => {
		const form = new FormData();
		form.append('q.biaya', 'a');
		form.append('q.biaya', 'b');
		form.append('order', 'x');
		expect(readAnswers(form)).toEqual({ biaya: ['a', 'b'] });
		form.append('q.hpp', 'x'.repeat(201));
		expect(readAnswers(form)).toEqual({ error: 'too_large' });
	});
});

describe('presentQuiz', () => {
	it('shuffles questions and options, but each option keeps its id and text', () => {
		let seed = 1;
		const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		const shown = presentQuiz(quiz, undefined, random);
		expect(shown.map((q) => q.id).sort()).toEqual(quiz.questions.map((q) => q.id).sort());
		for (const q of shown) {
			const original = quiz.questions.find((o) => o.id === q.id)!;
			if ('options' in original) {
				for (const o of q.options!) expect(original.options).toContainEqual(o);
			}
		}
		// grading by id is unaffected by the order shown
		const answers = Object.fromEntries(
			shown.map((q) => [
				q.id,
				q.id === 'biaya'
					? ['d', 'a', 'b']
					: q.id === 'dompet'
						? ['b']
						: q.id === 'gaji'
							? ['false']
							: ['7000']
			])
		);
		expect(gradeQuiz(quiz, answers).score).toBe(100);
	});
	it('never sends answers or explanations to the browser', () => {
		const json = JSON.stringify(presentQuiz(quiz));
		expect(json).not.toContain('"answer"');
		expect(json).not.toContain('explanation');
		expect(json).not.toContain('Rp350.000');
	});
	it('keeps a given order, and ignores one that is not a permutation', () => {
		const order = ['hpp', 'gaji', 'biaya', 'dompet'];
		expect(presentQuiz(quiz, order).map((q) => q.id)).toEqual(order);
		expect(
			presentQuiz(quiz, ['hpp', 'hpp', 'gaji', 'biaya'])
				.map((q) => q.id)
				.sort()
		).toEqual([...order].sort());
	});
	it('shuffle moves items without losing or doubling any', () => {
		const items = Array.from({ length: 50 }, (_, i) => i);
		const out = shuffle(items);
		expect([...out].sort((a, b) => a - b)).toEqual(items);
		expect(out).not.toEqual(items);
	});
});
