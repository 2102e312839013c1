import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutralise, toCsv } from './csv';

describe('toCsv', () => {
	it('starts with a byte-order mark and separates with semicolons and CRLF', () => {
		const csv = toCsv(['Nama', 'Nilai'], [['Bu Sri', 80]]);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.slice(1)).toBe('Nama;Nilai\r\nBu Sri;80\r\n');
	});

	it('quotes semicolons, quotes and line breaks inside a cell, and reads back the same', () => {
		const name = 'Keripik "Tempe"; Mbak Yu\nBaureno';
		const csv = toCsv(['Nama'], [[name]]);
		expect(csv).toContain('"Keripik ""Tempe""; Mbak Yu\nBaureno"');
		const rows = parse(csv, { bom: true, delimiter: ';' });
		expect(rows[1][0]).toBe(name);
	});

	it('neutralises cells a spreadsheet would run as a formula', () => {
		for (const bad of ['=HYPERLINK("http://x")', '+62812', '-1+1', '@SUM(A1)'])
			expect(neutralise(bad)).toBe(`'${bad}`);
		expect(neutralise('Sri =')).toBe('Sri =');
		const csv = toCsv(['HP'], [['=1+1']]);
		expect(csv).toContain("'=1+1");
	});

	it('keeps numbers as numbers and writes yes/no and empty cells plainly', () => {
		expect(toCsv(['a', 'b', 'c', 'd'], [[-5, true, null, undefined]]).slice(1)).toBe(
			'a;b;c;d\r\n-5;ya;;\r\n'
		);
	});
});
