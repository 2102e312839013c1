/**
 * Puts every Markdown table in a box that scrolls sideways (`.table-scroll`, styled in app.css),
 * so a table wider than a 360 px phone scrolls on its own instead of widening the page (which
 * makes the phone zoom out and clips the bottom bar). The box takes keyboard focus, so it can
 * be scrolled without a touch screen too.
 */

/** @typedef {{ type: string, value?: string, children?: MdNode[] }} MdNode */

export default function remarkTableScroll() {
	/** @param {MdNode} node */
	const walk = (node) => {
		if (!node.children) return;
		node.children = node.children.flatMap((child) => {
			if (child.type !== 'table') {
				walk(child);
				return [child];
			}
			return [
				{
					type: 'html',
					value: '<div class="table-scroll" tabindex="0" role="region" aria-label="Tabel">'
				},
				child,
				{ type: 'html', value: '</div>' }
			];
		});
	};
	return walk;
}
