import type * as v from 'valibot';
import { LineCounter, isNode, parseDocument } from 'yaml';
import { ContentError, yamlMessage } from './frontmatter';

export type LineAt = (path: (string | number)[]) => number;

/**
 * Parses a YAML file keeping positions, so every later problem can name its line:
 * `lineAt(path)` is the line of the deepest node of `path` that exists.
 */
export function parseYamlWithLines(
	file: string,
	source: string
): { data: unknown; lineAt: LineAt } | { problems: ContentError[] } {
	const lineCounter = new LineCounter();
	const doc = parseDocument(source, { lineCounter });
	const lineOf = (offset: number) => lineCounter.linePos(offset).line;
	if (doc.errors.length)
		return {
			problems: doc.errors.map(
				(e) =>
					new ContentError(file, lineOf(e.pos[0]), `YAML tidak valid: ${yamlMessage(e.message)}`)
			)
		};
	const lineAt: LineAt = (path) => {
		for (let n = path.length; n >= 0; n--) {
			const node = doc.getIn(path.slice(0, n), true);
			if (isNode(node) && node.range) return lineOf(node.range[0]);
		}
		return 1;
	};
	return { data: doc.toJS() ?? {}, lineAt };
}

/** Each schema issue as `file:line: where: what`, with `describe` naming the place. */
export function schemaProblems(
	file: string,
	issues: v.BaseIssue<unknown>[],
	lineAt: LineAt,
	describe: (path: (string | number)[]) => string
) {
	return issues.map((issue) => {
		const path = (issue.path ?? []).map((p) => p.key as string | number);
		const what = issue.received === 'undefined' ? 'wajib diisi' : issue.message;
		return new ContentError(file, lineAt(path), `${describe(path)}: ${what}`);
	});
}
