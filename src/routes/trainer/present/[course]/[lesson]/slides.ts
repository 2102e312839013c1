/**
 * Cuts a lesson into projector slides that each fit the screen: a new slide at every h2, and
 * within a section wherever the next block would run below the screen. A block taller than the
 * screen on its own (a long table, a tall figure) gets a slide to itself, scaled down to fit.
 * The clicker (PageDown) then never skips the lower half of a section.
 */

/** Images load only when shown (`loading="lazy"`): fetch them all first, so they can be measured. */
export async function imagesLoaded(root: HTMLElement) {
	const images = [...root.querySelectorAll('img')];
	for (const img of images) img.loading = 'eager';
	await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
}

function outer(el: HTMLElement) {
	const style = getComputedStyle(el);
	const box = el.getBoundingClientRect();
	return {
		top: box.top - parseFloat(style.marginTop),
		bottom: box.bottom + parseFloat(style.marginBottom),
		width: Math.max(box.width, el.scrollWidth)
	};
}

/**
 * Marks each block with `data-slide` and returns how many slides there are. `room` is the height
 * a slide may take, `width` the width; blocks are the stage's top-level elements, in order.
 */
export function paginate(blocks: HTMLElement[], room: number, width: number): number {
	// Sections: the title with what precedes the first h2, then each h2 with what follows it.
	const sections: HTMLElement[][] = [];
	for (const [i, el] of blocks.entries()) {
		if (i === 0 || (el.tagName === 'H2' && i > 1)) sections.push([]);
		sections[sections.length - 1].push(el);
	}
	for (const el of blocks) {
		el.style.display = 'none';
		el.style.zoom = '';
	}
	let slide = -1;
	for (const section of sections) {
		for (const el of section) el.style.display = '';
		let top = 0;
		let full = true;
		/** The slide so far holds only a heading: what follows must not leave it alone. */
		let headingAlone = false;
		for (const el of section) {
			const box = outer(el);
			const height = box.bottom - box.top;
			const fits = box.bottom - top <= room && box.width <= width + 1;
			// Below a lone heading, a block a little too big is scaled into the room left.
			const left = room - (box.top - top);
			const squeeze = Math.min(left / height, width / box.width) * 0.98;
			if (!full && !fits && headingAlone && squeeze >= 0.6) {
				el.style.zoom = String(squeeze);
				full = true;
			} else {
				if (full || !fits) {
					slide++;
					top = box.top;
					full = false;
				}
				if (height > room || box.width > width + 1) {
					// Alone on its slide and scaled to the screen; zoom scales its margins too.
					el.style.zoom = String(Math.min(room / height, width / box.width) * 0.98);
					full = true;
				}
			}
			headingAlone = /^H[1-4]$/.test(el.tagName) && box.top === top;
			el.dataset.slide = String(slide);
		}
		for (const el of section) el.style.display = 'none';
	}
	return slide + 1;
}
