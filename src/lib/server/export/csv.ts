import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | boolean | Date | null | undefined;

// A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a formula-looking text with an apostrophe, so a spreadsheet shows it as text. */
export function neutralise(text: string) {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A CSV file that opens correctly in Excel with Indonesian regional settings: UTF-8 with a
 * byte-order mark (else names with é or ’ are garbled), semicolons (the comma is the decimal
 * separator there), CRLF line ends. Numbers stay numbers; text that looks like a formula is
 * neutralised; quotes and semicolons inside a cell are quoted by the library.
 */
export function toCsv(header: string[], rows: Cell[][]) {
	return stringify([header, ...rows], {
		bom: true,
		delimiter: ';',
		record_delimiter: 'windows',
		cast: {
			string: (value) => neutralise(value),
			boolean: (value) => (value ? 'ya' : 'tidak'),
			date: (value) => value.toISOString()
		}
	});
}

/** The response for a CSV download; `name` without extension. */
export function csvResponse(name: string, csv: string) {
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name.replace(/[^\w.-]+/g, '-')}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
}
