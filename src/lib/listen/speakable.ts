/**
 * Lesson text as an Indonesian voice should say it. Speech engines read "Rp12.500" as
 * "R P dua belas titik lima ratus" and "HPP" as a word; a learner who listens instead of
 * reading should hear what a person would say: "dua belas ribu lima ratus rupiah", "ha pe pe".
 * Pure functions, no DOM: the page's reader (reader.ts) finds the text, this prepares it.
 */

const UNITS = [
	'nol',
	'satu',
	'dua',
	'tiga',
	'empat',
	'lima',
	'enam',
	'tujuh',
	'delapan',
	'sembilan',
	'sepuluh',
	'sebelas'
];
const SCALES: [number, string][] = [
	[1e12, 'triliun'],
	[1e9, 'miliar'],
	[1e6, 'juta']
];

/** A whole number in Indonesian words: 12500 → "dua belas ribu lima ratus". */
export function numberToWords(n: number): string {
	if (!Number.isFinite(n)) return String(n);
	if (n < 0) return `minus ${numberToWords(-n)}`;
	n = Math.floor(n);
	if (n < 12) return UNITS[n];
	if (n < 20) return `${UNITS[n - 10]} belas`;
	if (n < 100) return join(`${UNITS[Math.floor(n / 10)]} puluh`, n % 10);
	if (n < 200) return join('seratus', n - 100);
	if (n < 1000) return join(`${UNITS[Math.floor(n / 100)]} ratus`, n % 100);
	if (n < 2000) return join('seribu', n - 1000);
	if (n < 1e6) return join(`${numberToWords(Math.floor(n / 1000))} ribu`, n % 1000);
	for (const [size, name] of SCALES)
		if (n >= size) return join(`${numberToWords(Math.floor(n / size))} ${name}`, n % size);
	return String(n);
}

const join = (head: string, rest: number) => (rest ? `${head} ${numberToWords(rest)}` : head);

/** Digits after a decimal comma are said one by one: "1,25" → "satu koma dua lima". */
function decimalToWords(whole: string, fraction?: string): string {
	const head = numberToWords(Number(whole.replace(/\./g, '')));
	if (!fraction) return head;
	return `${head} koma ${[...fraction].map((d) => UNITS[Number(d)]).join(' ')}`;
}

const LETTERS: Record<string, string> = {
	A: 'a',
	B: 'be',
	C: 'ce',
	D: 'de',
	E: 'e',
	F: 'ef',
	G: 'ge',
	H: 'ha',
	I: 'i',
	J: 'je',
	K: 'ka',
	L: 'el',
	M: 'em',
	N: 'en',
	O: 'o',
	P: 'pe',
	Q: 'ki',
	R: 'er',
	S: 'es',
	T: 'te',
	U: 'u',
	V: 'fe',
	W: 'we',
	X: 'eks',
	Y: 'ye',
	Z: 'zet'
};

/** Capitalised words said as words, not spelled: program names, emphasis. */
const SAID_AS_WORDS = new Set([
	'APIK',
	'SEHATI',
	'SIHALAL',
	'FIFO',
	'USAHA',
	'TIDAK',
	'RUMAH',
	'HALAL',
	'PER',
	'PET',
	'ASPI'
]);
/** A few that people say their own way. */
const SAID_AS: Record<string, string> = { II: 'dua', WA: 'we a', HP: 'ha pe' };

/** "SPP-IRT" → "es pe pe i er te"; digits inside ("GS1") as numbers. */
function spell(token: string): string {
	return token
		.split(/-/)
		.map((part) =>
			part
				.replace(/\d+/g, (d) => ` ${numberToWords(Number(d))} `)
				.replace(/[A-Z]/g, (c) => ` ${LETTERS[c]} `)
				.replace(/[a-z]+$/, (s) => ` ${s}`)
		)
		.join(' ')
		.replace(/\s+/g, ' ')
		.trim();
}

const MONTHS = [
	'Januari',
	'Februari',
	'Maret',
	'April',
	'Mei',
	'Juni',
	'Juli',
	'Agustus',
	'September',
	'Oktober',
	'November',
	'Desember'
];

const UNIT_WORDS: Record<string, string> = {
	kg: 'kilogram',
	g: 'gram',
	gr: 'gram',
	mg: 'miligram',
	ml: 'mililiter',
	mL: 'mililiter',
	l: 'liter',
	L: 'liter',
	cm: 'sentimeter',
	mm: 'milimeter',
	m: 'meter',
	km: 'kilometer'
};

/** A number as written in Indonesian text: thousands with dots, decimals with a comma. */
const NUM = String.raw`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?`;
const SCALE = String.raw`(?:\s?(ribu|rb|juta|jt|miliar|triliun)\b)?`;
const SCALE_WORD: Record<string, string> = { rb: 'ribu', jt: 'juta' };

function amount(text: string): string {
	const [whole, fraction] = text.split(',');
	return decimalToWords(whole, fraction);
}

/** One sentence (or heading, or table row) as it should be spoken. */
export function toSpeech(input: string): string {
	let s = ` ${input} `;
	// Markup leftovers and marks a voice would name ("tanda centang").
	// Colour codes ("#3DC3A3") mean nothing spoken.
	s = s.replace(/#[0-9A-Fa-f]{3,6}\b/g, ' ');
	s = s.replace(/[*_`#]+/g, ' ').replace(/[✓✗→←↑↓•·]/g, ' ');
	// ISO dates and "5/12/2026" style dates → "5 Desember 2026", said below.
	s = s.replace(
		/\b(\d{4})-(\d{2})-(\d{2})\b/g,
		(_, y, mo, d) => `${Number(d)} ${MONTHS[Number(mo) - 1] ?? mo} ${y}`
	);
	// Money. "Rp1,5 juta", "Rp12.500", "US$1,5 miliar"; ranges "Rp5.000–Rp10.000".
	s = s.replace(
		new RegExp(String.raw`US\$\s?(${NUM})${SCALE}`, 'g'),
		(_, n, scale) => ` ${amount(n)}${scale ? ` ${SCALE_WORD[scale] ?? scale}` : ''} dolar Amerika `
	);
	s = s.replace(
		new RegExp(
			String.raw`Rp\.?\s?(${NUM})${SCALE}(?:\s?[–-]\s?(?:Rp\.?\s?)?(${NUM})${SCALE})?`,
			'g'
		),
		(_, a, scaleA, b, scaleB) => {
			const first = `${amount(a)}${scaleA ? ` ${SCALE_WORD[scaleA] ?? scaleA}` : ''}`;
			if (!b) return ` ${first} rupiah `;
			const second = `${amount(b)}${scaleB ? ` ${SCALE_WORD[scaleB] ?? scaleB}` : ''}`;
			return ` ${first} sampai ${second} rupiah `;
		}
	);
	// Ordinals: "ke-2" → "kedua", "ke-1" → "pertama".
	s = s.replace(/\bke-(\d+)\b/g, (_, n) =>
		n === '1' ? 'pertama' : `ke${numberToWords(Number(n))}`
	);
	// Ranges of plain numbers: "3–6 bulan", "10-15%".
	s = s.replace(
		new RegExp(String.raw`(?<![\d.,])(${NUM})\s?[–-]\s?(${NUM})(?![\d])`, 'g'),
		(_, a, b) => `${a} sampai ${b}`
	);
	// Percentages and units after a number.
	s = s.replace(new RegExp(String.raw`(${NUM})\s?%`, 'g'), (_, n) => ` ${amount(n)} persen `);
	s = s.replace(
		new RegExp(String.raw`(${NUM})\s?°C`, 'g'),
		(_, n) => ` ${amount(n)} derajat Celsius `
	);
	s = s.replace(
		new RegExp(String.raw`(${NUM})\s?(kg|gr|g|mg|mL|ml|L|l|cm|mm|km|m)(?![\p{L}\d])`, 'gu'),
		(_, n, unit) => ` ${amount(n)} ${UNIT_WORDS[unit]} `
	);
	// Acronyms and codes: spelled letter by letter, with their digits and "-nya" kept.
	s = s.replace(/\b([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)(-nya)?\b/g, (token, word: string, nya) => {
		const suffix = nya ? ' nya' : '';
		if (SAID_AS[word]) return `${SAID_AS[word]}${suffix}`;
		if (SAID_AS_WORDS.has(word)) return `${word.toLowerCase()}${suffix}`;
		if (!/^[A-Z0-9-]+$/.test(word) || word.length < 2 || !/[A-Z]/.test(word)) return token;
		if (/^[A-Z]$/.test(word.replace(/[^A-Z]/g, '')) && !/\d/.test(word)) return token;
		return `${spell(word)}${suffix}`;
	});
	// Mixed-case acronyms: "PPh" (pajak penghasilan).
	s = s.replace(/\bPPh\b/g, 'pe pe ha');
	// Arithmetic as it is said.
	s = s
		.replace(/\s×\s|(?<=\d)\s?×\s?(?=[\dR])/g, ' kali ')
		.replace(/÷/g, ' dibagi ')
		.replace(/\s[−]\s/g, ' dikurangi ')
		.replace(/\s\+\s/g, ' tambah ')
		.replace(/\s=\s/g, ' sama dengan ');
	// Web addresses and names with digits: "gs1id.org", "Jakarta365".
	s = s.replace(/(?<=\p{L})\.(?=(?:org|com|id|net|co)\b)/gu, ' titik ');
	s = s.replace(/(?<=\p{L})(?=\d)|(?<=\d)(?=\p{L})/gu, ' ');
	// Every number left, as words (years too: "2026" → "dua ribu dua puluh enam").
	s = s.replace(new RegExp(String.raw`(?<![\p{L}\d])(${NUM})(?![\d])`, 'gu'), (_, n) => amount(n));
	// "per bungkus" for "Rp5.000/bungkus"; other slashes ("dan/atau") are a pause.
	s = s.replace(/(rupiah|persen|gram|liter)\s*\/\s*/g, '$1 per ').replace(/\//g, ' atau ');
	return s
		.replace(/\s+([,.;:!?])/g, '$1')
		.replace(/\s+/g, ' ')
		.trim();
}

export type Span = { start: number; end: number; text: string };

/** Abbreviations that end with a dot but not a sentence. */
const ABBREVIATIONS =
	/(?:\b(?:dll|dsb|dst|dkk|No|no|hlm|Bu|Pak|Jl|Kec|Kab|Tbk|Ds|Prof|Dr|dr|St|Rp)|\b[A-Z])\.$/;

/**
 * Where the sentences of a block of text begin and end, so the page can highlight each while
 * it is read. A dot inside a number ("Rp12.500") or after a known abbreviation does not end one.
 */
export function splitSentences(text: string): Span[] {
	const spans: Span[] = [];
	const end = /[.!?…]+["”’)]*(?=\s+|$)/g;
	let start = 0;
	for (let match = end.exec(text); match; match = end.exec(text)) {
		const stop = match.index + match[0].length;
		if (ABBREVIATIONS.test(text.slice(Math.max(start, stop - 6), stop))) continue;
		// "1. Bahan baku." is one sentence, not "satu." and then the rest.
		if (/^\s*\d+\.$/.test(text.slice(start, stop))) continue;
		push(spans, text, start, stop);
		start = stop;
	}
	push(spans, text, start, text.length);
	return spans;
}

function push(spans: Span[], text: string, from: number, to: number) {
	while (from < to && /\s/.test(text[from])) from++;
	while (to > from && /\s/.test(text[to - 1])) to--;
	// A sentence is something a voice can say: at least one letter or digit.
	if (to > from && /[\p{L}\d]/u.test(text.slice(from, to)))
		spans.push({ start: from, end: to, text: text.slice(from, to) });
}
