import * as v from 'valibot';
import { slugId as id, text } from './fields';
import { ContentError } from './frontmatter';
import { parseYamlWithLines, schemaProblems, type LineAt } from './yaml-lines';

const Option = v.strictObject({ id, text: text(300) }, 'kunci tidak dikenal');
const options = v.pipe(
	v.array(Option, 'harus berupa daftar pilihan'),
	v.minLength(2, 'minimal 2 pilihan')
);
const base = { id, prompt: text(600), explanation: text(1000) };

const Single = v.strictObject({ ...base, kind: v.literal('single'), options, answer: id });
const Multiple = v.strictObject({
	...base,
	kind: v.literal('multiple'),
	options,
	answer: v.pipe(
		v.array(id, 'harus berupa daftar id pilihan, misalnya [a, c]'),
		v.minLength(1, 'minimal 1 jawaban')
	)
});
const TrueFalse = v.strictObject({
	...base,
	kind: v.literal('truefalse'),
	answer: v.boolean('harus true atau false')
});
const Numeric = v.strictObject({
	...base,
	kind: v.literal('numeric'),
	answer: v.number('harus berupa angka, tanpa Rp dan titik ribuan (misalnya 12500)'),
	tolerance: v.optional(
		v.pipe(v.number('harus berupa angka'), v.minValue(0, 'tidak boleh negatif')),
		0
	),
	unit: v.optional(text(20))
});

const Question = v.variant(
	'kind',
	[Single, Multiple, TrueFalse, Numeric],
	'kind harus single, multiple, truefalse atau numeric'
);

export const MIN_QUESTIONS = 8;

export const QuizSchema = v.strictObject({
	pass: v.optional(
		v.pipe(
			v.number('harus berupa angka'),
			v.integer(),
			v.minValue(1),
			v.maxValue(100, 'paling besar 100')
		),
		70
	),
	questions: v.array(Question, 'harus berupa daftar pertanyaan')
});

export type Quiz = v.InferOutput<typeof QuizSchema>;
export type Question = Quiz['questions'][number];

/** Parses quiz.yaml and reports every problem with its line, not only the first. */
export function parseQuiz(file: string, source: string): { quiz?: Quiz; problems: ContentError[] } {
	const parsed = parseYamlWithLines(file, source);
	if ('problems' in parsed) return parsed;
	const { data, lineAt } = parsed;
	const result = v.safeParse(QuizSchema, data);
	const problems = result.success ? [] : schemaProblems(file, result.issues, lineAt, describe);
	// Checks across fields run on the raw data too, so one run reports everything.
	problems.push(...crossChecks(file, data as { questions?: unknown }, lineAt));
	problems.sort((a, b) => a.line - b.line);
	return result.success && !problems.length ? { quiz: result.output, problems } : { problems };
}

type Raw = { id?: unknown; kind?: unknown; options?: { id?: unknown }[]; answer?: unknown };

function crossChecks(file: string, data: { questions?: unknown }, lineAt: LineAt): ContentError[] {
	const problems: ContentError[] = [];
	const questions = Array.isArray(data.questions) ? (data.questions as Raw[]) : [];
	if (questions.length < MIN_QUESTIONS)
		problems.push(
			new ContentError(
				file,
				lineAt(['questions']),
				`kuis minimal ${MIN_QUESTIONS} pertanyaan (sekarang ${questions.length})`
			)
		);
	const seen = new Set<unknown>();
	questions.forEach((q, i) => {
		const at = (key: string) => lineAt(['questions', i, key]);
		if (q?.id !== undefined && seen.has(q.id))
			problems.push(new ContentError(file, at('id'), `id "${q.id}" dipakai dua kali`));
		seen.add(q?.id);
		if ((q?.kind !== 'single' && q?.kind !== 'multiple') || !Array.isArray(q.options)) return;
		const ids = q.options.map((o) => o?.id);
		if (new Set(ids).size !== ids.length)
			problems.push(
				new ContentError(file, at('options'), `pertanyaan "${q.id}": id pilihan dipakai dua kali`)
			);
		const answers = Array.isArray(q.answer) ? q.answer : [q.answer];
		for (const a of answers)
			if (a !== undefined && !ids.includes(a))
				problems.push(
					new ContentError(
						file,
						at('answer'),
						`pertanyaan "${q.id}": jawaban "${a}" tidak ada di pilihan (${ids.join(', ')})`
					)
				);
		if (new Set(answers).size !== answers.length)
			problems.push(
				new ContentError(file, at('answer'), `pertanyaan "${q.id}": jawaban ditulis dua kali`)
			);
	});
	return problems;
}

function describe(path: (string | number)[]) {
	if (!path.length) return 'kuis';
	return path
		.map((p, i) =>
			typeof p === 'number'
				? `${path[i - 1] === 'questions' ? 'pertanyaan' : 'pilihan'} ${p + 1}`
				: p
		)
		.filter((p) => p !== 'questions' && p !== 'options')
		.join(' → ');
}
