/**
 * Reads a lesson aloud with the phone's own speech engine (the Web Speech API), sentence by
 * sentence, marking the sentence being read. Loaded on the first tap of "Dengarkan", never
 * before: a lesson's first visit carries only the button.
 */
import { splitSentences, toSpeech } from './speakable';

/** One thing to say and where it stands on the page. */
export type Item = { el: Element; range?: Range; spoken: string };
export type Status = 'idle' | 'loading' | 'playing' | 'paused' | 'novoice';
export type ReaderState = { status: Status; index: number; total: number };

const SKIP =
	'[data-listen-skip], script, style, button, nav, svg, input, .feedback, [aria-hidden="true"]';
const TEXT_BLOCK = 'p, h1, h2, h3, h4, h5, h6, li, dt, dd, figcaption, caption, blockquote';
const HAS_BLOCKS = 'p, ul, ol, table, figure, fieldset, div, blockquote';
const HIGHLIGHT = 'listen-sentence';
export const RATE_KEY = 'nk-listen-rate';
export const RATES = [0.75, 1, 1.25, 1.5];

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const hidden = (el: Element) => el.getClientRects().length === 0;

/** The text nodes of `block` that are read, with where each starts in their joined text. */
function textOf(block: Element) {
	const nodes: { node: Text; at: number }[] = [];
	let text = '';
	const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
		acceptNode: (node) =>
			node.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT
	});
	for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
		nodes.push({ node, at: text.length });
		text += node.data;
	}
	return { nodes, text };
}

/** A text block as sentences, each with the range of the page it covers. */
function sentencesOf(block: Element, items: Item[]) {
	const { nodes, text } = textOf(block);
	const point = (offset: number, end: boolean) => {
		// The node holding `offset`; a sentence's end may sit just past its node's last letter.
		const at = nodes.findLast((n) => (end ? n.at < offset : n.at <= offset)) ?? nodes[0];
		return [at.node, Math.min(offset - at.at, at.node.length)] as const;
	};
	for (const span of splitSentences(text)) {
		const range = document.createRange();
		range.setStart(...point(span.start, false));
		range.setEnd(...point(span.end, true));
		items.push({ el: block, range, spoken: toSpeech(clean(span.text)) });
	}
}

/** A table row by row: the headings once, then each row's first cell and the others by heading. */
function tableOf(table: HTMLTableElement, items: Item[]) {
	const rows = [...table.rows];
	const head = rows[0]?.querySelector('th')
		? [...rows[0].cells].map((c) => clean(c.textContent))
		: [];
	if (head.length) items.push({ el: rows[0], spoken: toSpeech(`Tabel: ${head.join(', ')}.`) });
	for (const row of head.length ? rows.slice(1) : rows) {
		const cells = [...row.cells].map((c) => clean(c.textContent));
		const said = cells.map((cell, i) => (i > 0 && head[i] ? `${head[i]} ${cell}` : cell));
		items.push({ el: row, spoken: toSpeech(`${said.join(', ')}.`) });
	}
}

/** A practice question: its label and question, then each option in turn. */
function practiceOf(fieldset: Element, items: Item[]) {
	const legend = fieldset.querySelector('legend');
	// "Cek pemahaman" and the question are two pieces of the legend: said with a pause between.
	const parts = [...(legend?.childNodes ?? [])].map((n) => clean(n.textContent)).filter(Boolean);
	if (legend && parts.length) items.push({ el: legend, spoken: toSpeech(parts.join('. ')) });
	fieldset.querySelectorAll('label').forEach((label, i) => {
		items.push({ el: label, spoken: toSpeech(`Pilihan ${i + 1}: ${clean(label.textContent)}.`) });
	});
}

/** Everything under `root` a voice should say, in reading order. */
export function collect(root: Element): Item[] {
	const items: Item[] = [];
	const visit = (el: Element) => {
		if (el.matches(SKIP) || hidden(el)) return;
		if (el instanceof HTMLTableElement) return tableOf(el, items);
		if (el.matches('fieldset')) return practiceOf(el, items);
		if (el instanceof HTMLImageElement) {
			if (el.alt.trim()) items.push({ el, spoken: toSpeech(`Gambar: ${clean(el.alt)}`) });
			return;
		}
		if (el.matches(TEXT_BLOCK) && !el.querySelector(HAS_BLOCKS)) return sentencesOf(el, items);
		for (const child of el.children) visit(child);
	};
	visit(root);
	return items;
}

/** An Indonesian voice: `id-ID`, or `in-ID` as older Android names it. */
export function indonesianVoice(voices: SpeechSynthesisVoice[]) {
	return voices.find((v) => /^(id|in)([-_]|$)/i.test(v.lang)) ?? null;
}

/** The phone's voices; they arrive a moment after the page asks, announced by `voiceschanged`. */
function voices(synth: SpeechSynthesis): Promise<SpeechSynthesisVoice[]> {
	const now = synth.getVoices();
	if (indonesianVoice(now)) return Promise.resolve(now);
	return new Promise((resolve) => {
		const done = () => {
			synth.removeEventListener('voiceschanged', done);
			clearTimeout(timer);
			resolve(synth.getVoices());
		};
		const timer = setTimeout(done, 2500);
		synth.addEventListener('voiceschanged', done);
	});
}

export function storedRate() {
	const rate = Number(globalThis.localStorage?.getItem(RATE_KEY));
	return RATES.includes(rate) ? rate : 1;
}

export function createReader(root: () => Element | null, onchange: (state: ReaderState) => void) {
	const synth = window.speechSynthesis;
	let items: Item[] = [];
	let index = 0;
	let status: Status = 'idle';
	let rate = storedRate();
	let voice: SpeechSynthesisVoice | null = null;
	// Held here: Chrome drops an utterance nothing refers to, and its `end` never comes.
	let utterance: SpeechSynthesisUtterance | null = null;
	// Each utterance knows the turn it was spoken in: a cancelled one's late `end` is ignored.
	let turn = 0;

	const report = () => onchange({ status, index, total: items.length });

	function mark(i: number) {
		unmark();
		const item = items[i];
		if (!item) return;
		item.el.setAttribute('data-listen-now', '');
		if (item.range && 'highlights' in CSS) CSS.highlights.set(HIGHLIGHT, new Highlight(item.range));
		const box = (item.range ?? item.el).getBoundingClientRect();
		// The controls stay at the top of the screen: a sentence under them is out of view too.
		if (box.top < 120 || box.bottom > window.innerHeight - 64) {
			const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
			item.el.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
		}
	}

	function unmark() {
		document
			.querySelectorAll('[data-listen-now]')
			.forEach((el) => el.removeAttribute('data-listen-now'));
		if ('highlights' in CSS) CSS.highlights.delete(HIGHLIGHT);
	}

	function speak(i: number) {
		const mine = ++turn;
		synth.cancel();
		index = i;
		status = 'playing';
		mark(i);
		report();
		utterance = new SpeechSynthesisUtterance(items[i].spoken);
		utterance.lang = 'id-ID';
		if (voice) utterance.voice = voice;
		utterance.rate = rate;
		const next = () => {
			if (mine !== turn) return;
			if (index + 1 < items.length) speak(index + 1);
			else stop();
		};
		utterance.onend = next;
		utterance.onerror = (e) => {
			if (e.error !== 'interrupted' && e.error !== 'canceled') next();
		};
		synth.speak(utterance);
	}

	async function play() {
		if (status === 'playing') return;
		if (!voice) {
			status = 'loading';
			report();
			voice = indonesianVoice(await voices(synth));
			// Never an English voice on Indonesian text: say how to add one instead.
			if (!voice) {
				status = 'novoice';
				return report();
			}
		}
		if (!items.length || status === 'idle') {
			const el = root();
			items = el ? collect(el) : [];
			if (status === 'idle' || status === 'loading') index = 0;
		}
		if (!items.length) return stop();
		speak(Math.min(index, items.length - 1));
	}

	function pause() {
		if (status !== 'playing') return;
		turn++;
		// cancel, not pause: Android's engine often never resumes a paused utterance.
		synth.cancel();
		status = 'paused';
		report();
	}

	function back() {
		if (!items.length) return;
		const to = Math.max(0, index - 1);
		if (status === 'playing') speak(to);
		else {
			index = to;
			mark(to);
			report();
		}
	}

	function setRate(next: number) {
		rate = next;
		localStorage.setItem(RATE_KEY, String(next));
		if (status === 'playing') speak(index);
	}

	function stop() {
		turn++;
		synth.cancel();
		unmark();
		items = [];
		index = 0;
		if (status !== 'novoice') status = 'idle';
		report();
	}

	return { play, pause, back, setRate, stop };
}
export type Reader = ReturnType<typeof createReader>;
