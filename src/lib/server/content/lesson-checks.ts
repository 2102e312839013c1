import { parse } from 'svelte/compiler';
import { ContentError } from './frontmatter';

/** Components a lesson may use; anything else is a typo or a component that does not exist. */
export const KNOWN_COMPONENTS = ['Practice'] as const;

export type LessonContext = {
	/** Repository-relative path, for messages. */
	file: string;
	/** The lesson body and the file line it starts on. */
	body: string;
	bodyLine: number;
	/** Whether a path relative to the lesson's folder exists. */
	exists: (relativePath: string) => boolean;
	/** Whether an address inside the site (/courses/…) leads somewhere. */
	resolves: (path: string) => boolean;
};

/** Blanks out code and the script block, keeping line breaks so offsets still map to lines. */
function prose(body: string) {
	const blank = (m: string) => m.replace(/[^\n]/g, ' ');
	return body.replace(/```[\s\S]*?```/g, blank).replace(/<script[\s\S]*?<\/script>/g, blank);
}

export function checkLessonBody(ctx: LessonContext): ContentError[] {
	const problems: ContentError[] = [];
	const lineAt = (offset: number) =>
		ctx.bodyLine + ctx.body.slice(0, offset).split('\n').length - 1;
	const add = (offset: number, message: string) =>
		problems.push(new ContentError(ctx.file, lineAt(offset), message));
	const text = prose(ctx.body);

	const practiceBlocks: [number, number][] = [];
	for (const m of text.matchAll(/<Practice\b[\s\S]*?\/>/g)) {
		practiceBlocks.push([m.index, m.index + m[0].length]);
		for (const problem of checkPractice(m[0])) add(m.index, problem);
	}
	const inPractice = (offset: number) => practiceBlocks.some(([a, b]) => offset >= a && offset < b);

	for (const m of text.matchAll(/<([A-Z][A-Za-z0-9]*)/g)) {
		if (!(KNOWN_COMPONENTS as readonly string[]).includes(m[1]))
			add(m.index, `komponen <${m[1]}> tidak dikenal (yang ada: ${KNOWN_COMPONENTS.join(', ')})`);
	}

	for (const m of text.matchAll(/[{}]/g)) {
		if (!inPractice(m.index))
			add(
				m.index,
				`tanda ${m[0]} tidak boleh ada di teks pelajaran (Svelte membacanya sebagai kode); tulis dengan kata-kata`
			);
	}

	for (const m of text.matchAll(/!\[([^\]]*)\]\(([^)\s]+)(?:\s+['"][^'"]*['"])?\)/g)) {
		const [, alt, src] = m;
		if (!alt.trim())
			add(m.index, `gambar ${src}: teks alternatif (alt) wajib diisi, untuk pembaca layar`);
		if (/^\.{1,2}\//.test(src)) {
			if (!ctx.exists(src)) add(m.index, `gambar ${src} tidak ditemukan di folder kursus`);
		} else if (!/^https:\/\//.test(src)) {
			add(m.index, `gambar ${src}: tulis alamatnya relatif, misalnya ./nama-gambar.svg`);
		}
	}

	for (const m of text.matchAll(/(?<!!)\[[^\]]*\]\((\/[^)\s#]*)[^)]*\)/g)) {
		if (!ctx.resolves(m[1])) add(m.index, `tautan ${m[1]} tidak menuju halaman yang ada`);
	}
	return problems;
}

type Node = { type: string; [key: string]: unknown };

/** Reads a <Practice> block without running it: the options must be plain literals. */
export function checkPractice(source: string): string[] {
	let attributes: Node[];
	try {
		const ast = parse(source, { modern: true }) as unknown as { fragment: { nodes: Node[] } };
		attributes = (ast.fragment.nodes[0]?.attributes as Node[]) ?? [];
	} catch (e) {
		return [`<Practice> tidak bisa dibaca: ${(e as Error).message.split('\n')[0]}`];
	}
	const problems: string[] = [];
	const attr = (name: string) => attributes.find((a) => a.name === name);
	const question = attr('question');
	const questionText = Array.isArray(question?.value)
		? (question.value as Node[]).map((n) => n.data).join('')
		: '';
	if (!String(questionText).trim()) problems.push('<Practice>: question wajib diisi');

	const options = attr('options')?.value as Node | undefined;
	const array = options?.type === 'ExpressionTag' ? (options.expression as Node) : undefined;
	if (array?.type !== 'ArrayExpression') {
		problems.push('<Practice>: options harus berupa daftar, misalnya options={[ … ]}');
		return problems;
	}
	const items = (array.elements as Node[]).map((el) => literalObject(el));
	if (items.length < 2) problems.push('<Practice>: minimal 2 pilihan');
	if (items.some((i) => i === null)) {
		problems.push(
			'<Practice>: setiap pilihan harus berupa { text: …, explanation: … } dengan teks biasa'
		);
		return problems;
	}
	const correct = items.filter((i) => i!.correct === true).length;
	if (correct !== 1)
		problems.push(`<Practice>: harus ada tepat satu pilihan correct: true (sekarang ${correct})`);
	items.forEach((item, i) => {
		if (!String(item!.text ?? '').trim())
			problems.push(`<Practice>: pilihan ${i + 1} tidak punya text`);
		if (!String(item!.explanation ?? '').trim())
			problems.push(`<Practice>: pilihan ${i + 1} tidak punya explanation (penjelasan)`);
	});
	return problems;
}

function literalObject(node: Node): Record<string, unknown> | null {
	if (node?.type !== 'ObjectExpression') return null;
	const out: Record<string, unknown> = {};
	for (const prop of node.properties as Node[]) {
		const key = prop.key as Node | undefined;
		const value = prop.value as Node | undefined;
		const name = key?.type === 'Identifier' ? key.name : key?.value;
		if (prop.type !== 'Property' || value?.type !== 'Literal' || typeof name !== 'string')
			return null;
		out[name] = value.value;
	}
	return out;
}
