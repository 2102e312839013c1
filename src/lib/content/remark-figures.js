/**
 * Turns a Markdown image that stands alone in a paragraph, `![alt](./file.svg 'caption')`,
 * into a <figure> whose image Vite bundles (hashed, cacheable for offline), lazy-loaded,
 * with its alt text and caption. Images beside the lessons, as authors expect.
 */

/** @typedef {{ type: string, value?: string, url?: string, alt?: string | null, title?: string | null, children?: MdNode[] }} MdNode */

const RELATIVE = /^\.{1,2}\//;
const SCRIPT_START = /<script(\s[^>]*)?>/;

/**
 * Text safe inside a Svelte attribute or element: HTML-escaped, braces included.
 * @param {string} text
 */
export function escapeSvelte(text) {
	return String(text)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/\{/g, '&#123;')
		.replace(/\}/g, '&#125;');
}

export default function remarkFigures() {
	/** @param {MdNode} tree */
	return (tree) => {
		/** @type {{ url: string, id: string }[]} */
		const imports = [];
		/** @param {string} url */
		const idFor = (url) => {
			let entry = imports.find((i) => i.url === url);
			if (!entry) {
				entry = { url, id: `__figure${imports.length}` };
				imports.push(entry);
			}
			return entry.id;
		};

		/** @param {MdNode} node */
		const walk = (node) => {
			if (!node.children) return;
			node.children = node.children.map((/** @type {MdNode} */ child) => {
				const only =
					child.type === 'paragraph' && child.children?.length === 1 ? child.children[0] : null;
				if (only?.type === 'image' && only.url && RELATIVE.test(only.url)) {
					const src = idFor(only.url);
					const caption = only.title ? `<figcaption>${escapeSvelte(only.title)}</figcaption>` : '';
					return {
						type: 'html',
						value: `<figure><img src={${src}} alt="${escapeSvelte(only.alt ?? '')}" loading="lazy" decoding="async" />${caption}</figure>`
					};
				}
				if (child.type === 'image' && child.url && RELATIVE.test(child.url)) {
					return {
						type: 'html',
						value: `<img src={${idFor(child.url)}} alt="${escapeSvelte(child.alt ?? '')}" loading="lazy" decoding="async" />`
					};
				}
				walk(child);
				return child;
			});
		};
		walk(tree);
		if (!imports.length) return;

		const lines = imports.map((i) => `import ${i.id} from ${JSON.stringify(i.url)};`).join('\n');
		const children = tree.children ?? [];
		// The instance script, not `<script module>`: that is where the lesson's own imports live.
		const script = children.find((n) => {
			const open = n.type === 'html' ? n.value?.match(SCRIPT_START)?.[0] : undefined;
			return open && !/context=|module/.test(open);
		});
		if (script?.value)
			script.value = script.value.replace(SCRIPT_START, (open) => `${open}\n${lines}`);
		else children.unshift({ type: 'html', value: `<script>\n${lines}\n</script>` });
	};
}
