import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { numberToWords, splitSentences, toSpeech } from './speakable';

describe('numberToWords', () => {
	it.each([
		[0, 'nol'],
		[1, 'satu'],
		[11, 'sebelas'],
		[12, 'dua belas'],
		[20, 'dua puluh'],
		[100, 'seratus'],
		[115, 'seratus lima belas'],
		[1000, 'seribu'],
		[1400, 'seribu empat ratus'],
		[12500, 'dua belas ribu lima ratus'],
		[470000, 'empat ratus tujuh puluh ribu'],
		[1500000, 'satu juta lima ratus ribu'],
		[2026, 'dua ribu dua puluh enam'],
		[5_000_000_000, 'lima miliar']
	])('%d → %s', (n, words) => expect(numberToWords(n)).toBe(words));
});

describe('toSpeech', () => {
	it.each([
		['Rp12.500', 'dua belas ribu lima ratus rupiah'],
		['Rp470.000', 'empat ratus tujuh puluh ribu rupiah'],
		['Rp1,5 juta', 'satu koma lima juta rupiah'],
		['Rp500 juta', 'lima ratus juta rupiah'],
		['Rp5.000–Rp10.000', 'lima ribu sampai sepuluh ribu rupiah'],
		['Bunganya 6% setahun.', 'Bunganya enam persen setahun.'],
		['PPh Final 0,5%.', 'pe pe ha Final nol koma lima persen.'],
		['Ditinjau 5 Desember 2026.', 'Ditinjau lima Desember dua ribu dua puluh enam.'],
		['2026-12-05', 'lima Desember dua ribu dua puluh enam'],
		['Isi 250 g, atau 500 gram.', 'Isi dua ratus lima puluh gram, atau lima ratus gram.'],
		['Botol 350 ml.', 'Botol tiga ratus lima puluh mililiter.'],
		['Tebal 0,75 mm.', 'Tebal nol koma tujuh lima milimeter.'],
		['Tahan 3–6 bulan.', 'Tahan tiga sampai enam bulan.'],
		['Sebanyak 1.500 bungkus.', 'Sebanyak seribu lima ratus bungkus.'],
		['Hitung HPP-nya dulu.', 'Hitung ha pe pe nya dulu.'],
		[
			'NIB, SPP-IRT, BPOM MD, KUR, QRIS',
			'en i be, es pe pe i er te, be pe o em em de, ka u er, ki er i es'
		],
		['Daftar di OSS.', 'Daftar di o es es.'],
		[
			'Rp350.000 ÷ 50 = Rp7.000',
			'tiga ratus lima puluh ribu rupiah dibagi lima puluh sama dengan tujuh ribu rupiah'
		],
		['50 × Rp1.400', 'lima puluh kali seribu empat ratus rupiah'],
		['Rp7.000/bungkus', 'tujuh ribu rupiah per bungkus'],
		['pelajaran ke-2', 'pelajaran kedua'],
		['Aplikasi SI APIK.', 'Aplikasi es i apik.'],
		['**Tenaga kerja**', 'Tenaga kerja']
	])('%s → %s', (text, spoken) => expect(toSpeech(text)).toBe(spoken));
});

describe('splitSentences', () => {
	it('splits at sentence ends, not inside Rupiah amounts or abbreviations', () => {
		const text =
			'Bu Yati menjual keripik Rp6.000 per bungkus. "Pasti untung," katanya. Benarkah? Bahan, gas, dll. ikut dihitung.';
		expect(splitSentences(text).map((s) => s.text)).toEqual([
			'Bu Yati menjual keripik Rp6.000 per bungkus.',
			'"Pasti untung," katanya.',
			'Benarkah?',
			'Bahan, gas, dll. ikut dihitung.'
		]);
	});

	it('keeps a numbered lead-in with its sentence and gives offsets into the text', () => {
		const text = '1. Bahan baku.  Semua bahan produk.';
		const spans = splitSentences(text);
		expect(spans.map((s) => s.text)).toEqual(['1. Bahan baku.', 'Semua bahan produk.']);
		for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
	});

	it('drops pieces with nothing to say', () => {
		expect(splitSentences(' … ✓ ')).toEqual([]);
	});
});

/**
 * Every lesson, as its text stands: what the voice is given has no digits, no "Rp", no "%"
 * and no acronym left for the engine to guess at.
 */
describe('every lesson is prepared for speaking', () => {
	const root = join(import.meta.dirname, '../../../courses');
	const lessons = readdirSync(root, { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.flatMap((d) =>
			readdirSync(join(root, d.name))
				.filter((f) => /^\d+-.+\.md$/.test(f))
				.map((f) => join(d.name, f))
		);

	it('finds the lessons', () => expect(lessons.length).toBeGreaterThanOrEqual(20));

	it.each(lessons)('%s', (file) => {
		const text = readFileSync(join(root, file), 'utf8')
			.replace(/^---[\s\S]*?---/, '')
			.replace(/<script[\s\S]*?<\/script>/g, '')
			// The sources list: links read by their titles only; their URLs are not spoken.
			.replace(/\]\([^)]*\)/g, ']')
			.replace(/!\[|\[|\]/g, ' ')
			.replace(/^\|[\s:|-]+\|$/gm, '')
			.replace(/[<>{}|]/g, ' ');
		const left: string[] = [];
		for (const line of text.split('\n'))
			for (const { text: sentence } of splitSentences(line)) {
				const spoken = toSpeech(sentence);
				if (/\d|Rp|%|\b[A-Z]{2,}\b/.test(spoken)) left.push(`${sentence}\n  → ${spoken}`);
			}
		expect(left).toEqual([]);
	});
});
