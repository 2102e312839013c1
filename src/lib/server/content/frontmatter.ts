import { LineCounter, parseDocument } from 'yaml';

/** A content problem, always with the file and line an author has to open. */
export class ContentError extends Error {
	constructor(
		readonly file: string,
		readonly line: number,
		readonly problem: string
	) {
		super(`${file}:${line}: ${problem}`);
		this.name = 'ContentError';
	}
}

export type Frontmatter = {
	data: Record<string, unknown>;
	/** Line of each top-level key, for error messages. */
	lines: Record<string, number>;
	body: string;
	/** Line in the file where the body starts. */
	bodyLine: number;
};

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export function parseFrontmatter(file: string, text: string): Frontmatter {
	const match = FENCE.exec(text);
	if (!match) throw new ContentError(file, 1, 'frontmatter hilang: file harus dimulai dengan ---');
	const lineCounter = new LineCounter();
	const doc = parseDocument(match[1], { lineCounter });
	if (doc.errors.length) {
		const err = doc.errors[0];
		const line = lineCounter.linePos(err.pos[0]).line + 1; // +1 for the opening ---
		throw new ContentError(file, line, `YAML tidak valid: ${yamlMessage(err.message)}`);
	}
	const data = doc.toJS() ?? {};
	if (typeof data !== 'object' || Array.isArray(data))
		throw new ContentError(file, 2, 'frontmatter harus berisi pasangan kunci: nilai');
	const lines: Record<string, number> = {};
	const contents = doc.contents;
	if (contents && 'items' in contents) {
		for (const item of contents.items as { key?: { value?: unknown; range?: number[] } }[]) {
			const key = item.key;
			if (key?.range) lines[String(key.value)] = lineCounter.linePos(key.range[0]).line + 1;
		}
	}
	const bodyLine = match[0].split('\n').length;
	return { data, lines, body: text.slice(match[0].length), bodyLine };
}

/** The yaml library's first line, without its own position (we give file:line). */
export function yamlMessage(message: string) {
	return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
