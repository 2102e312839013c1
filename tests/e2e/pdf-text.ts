import { inflateSync } from 'node:zlib';

/**
 * The text of each page of a PDF that Chromium printed (Skia's writer), in drawing order, one
 * line per text run. Enough to prove what a printout shows without poppler on the CI machine:
 * it reads FlateDecode streams, Type0 fonts' ToUnicode maps and the Tj/TJ text operators.
 */
export function pdfPages(pdf: Buffer): string[] {
	const src = pdf.toString('latin1');
	const objects = new Map<number, { dict: string; stream?: Buffer }>();
	const head = /(\d+) 0 obj\b/g;
	for (let match = head.exec(src); match; match = head.exec(src)) {
		const start = match.index + match[0].length;
		const streamAt = src.indexOf('stream', start);
		const endAt = src.indexOf('endobj', start);
		if (streamAt !== -1 && streamAt < endAt) {
			const dict = src.slice(start, streamAt);
			let from = streamAt + 'stream'.length;
			if (src[from] === '\r') from++;
			if (src[from] === '\n') from++;
			const length = Number(/\/Length (\d+)(?! \d+ R)/.exec(dict)?.[1]);
			const to = Number.isFinite(length) ? from + length : src.indexOf('endstream', from);
			let stream = pdf.subarray(from, to);
			if (/\/FlateDecode/.test(dict)) stream = inflateSync(stream);
			objects.set(Number(match[1]), { dict, stream });
			head.lastIndex = src.indexOf('endobj', to);
		} else objects.set(Number(match[1]), { dict: src.slice(start, endAt) });
	}

	const cmaps = new Map<number, Map<string, string>>();
	const cmapOf = (ref: number) => {
		if (!cmaps.has(ref))
			cmaps.set(ref, parseCMap(objects.get(ref)?.stream?.toString('latin1') ?? ''));
		return cmaps.get(ref)!;
	};
	/** A dictionary's text, following it when it is a reference (`12 0 R`). */
	const deref = (text: string) => {
		const ref = /^\s*(\d+) 0 R/.exec(text);
		return ref ? (objects.get(Number(ref[1]))?.dict ?? '') : text;
	};
	const fontMaps = (pageDict: string) => {
		const resources = deref(/\/Resources\s*(\d+ 0 R|<<[\s\S]*)/.exec(pageDict)?.[1] ?? '');
		const fonts = deref(/\/Font\s*(\d+ 0 R|<<[^>]*>>)/.exec(resources)?.[1] ?? '');
		const maps = new Map<string, Map<string, string>>();
		for (const [, name, ref] of fonts.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
			const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(ref))?.dict ?? '');
			if (toUnicode) maps.set(name, cmapOf(Number(toUnicode[1])));
		}
		return maps;
	};

	// Pages in reading order: the page tree's kids, depth first.
	const pages: number[] = [];
	const walk = (ref: number) => {
		const dict = objects.get(ref)?.dict ?? '';
		if (/\/Type\s*\/Pages\b/.test(dict)) {
			const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
			for (const [, kid] of kids.matchAll(/(\d+) 0 R/g)) walk(Number(kid));
		} else if (/\/Type\s*\/Page\b/.test(dict)) pages.push(ref);
	};
	const root = [...objects.entries()].find(([, o]) => /\/Type\s*\/Catalog\b/.test(o.dict));
	walk(Number(/\/Pages (\d+) 0 R/.exec(root?.[1].dict ?? '')?.[1]));

	return pages.map((ref) => {
		const dict = objects.get(ref)!.dict;
		const maps = fontMaps(dict);
		const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(dict)?.[1] ?? '';
		const text = [...contents.matchAll(/(\d+) 0 R/g)]
			.map(([, r]) => objects.get(Number(r))?.stream?.toString('latin1') ?? '')
			.join('\n');
		return showText(text, maps);
	});
}

/** A ToUnicode CMap: code (hex, as written in the content stream) to text. */
function parseCMap(cmap: string) {
	const map = new Map<string, string>();
	const unicode = (hex: string) =>
		String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
	for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
		for (const [, code, text] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
			map.set(code.toUpperCase(), unicode(text));
	for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
		for (const [, lo, hi, text] of block.matchAll(
			/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g
		)) {
			const first = parseInt(text, 16);
			for (let c = parseInt(lo, 16); c <= parseInt(hi, 16); c++)
				map.set(
					c.toString(16).toUpperCase().padStart(lo.length, '0'),
					unicode((first + c - parseInt(lo, 16)).toString(16).padStart(text.length, '0'))
				);
		}
	return map;
}

/** The text a content stream shows, a new line wherever it moves to a new line or text object. */
function showText(content: string, maps: Map<string, Map<string, string>>) {
	let font = new Map<string, string>();
	let line = '';
	const lines: string[] = [];
	const decode = (hex: string) => {
		const width = [...font.keys()][0]?.length ?? 4;
		let out = '';
		for (let i = 0; i < hex.length; i += width)
			out += font.get(hex.slice(i, i + width).toUpperCase()) ?? '';
		return out;
	};
	const token =
		/\/([\w.+-]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F\s]*)>|\(((?:\\.|[^\\)])*)\)|\b(Td|TD|Tm|T\*|ET|BT)\b/g;
	for (const [, fontName, hex, literal, op] of content.matchAll(token)) {
		if (fontName) font = maps.get(fontName) ?? new Map();
		else if (hex !== undefined) line += decode(hex.replace(/\s/g, ''));
		else if (literal !== undefined) line += literal.replace(/\\(.)/g, '$1');
		else if (op && line) {
			lines.push(line);
			line = '';
		}
	}
	if (line) lines.push(line);
	return lines.join('\n');
}
