import { parse } from 'csv-parse/sync';

/** One participant as the trainer gave it; `line` is where it was in the file (1 = header). */
export type ParticipantRow = {
	line: number;
	name: string;
	phone: string;
	businessName: string;
	desa: string;
};

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16';
export type CsvProblem = 'csv_empty' | 'csv_columns' | 'csv_malformed' | 'csv_too_many';

export const MAX_ROWS = 300;
export const MAX_BYTES = 200_000;

/**
 * Excel on Windows saves "CSV" in the ANSI code page (Windows-1252) unless told otherwise, and
 * "Unicode text" as UTF-16. Strict UTF-8 first; when that fails the file is read as
 * Windows-1252 (every byte is a character there) and the trainer is told.
 */
export function decodeUpload(bytes: Uint8Array): { text: string; encoding: Encoding } {
	if (bytes[0] === 0xff && bytes[1] === 0xfe)
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16' };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
	}
}

type Column = 'name' | 'phone' | 'businessName' | 'desa';

// Headers people write, compared without case, spaces or punctuation.
const HEADERS: Record<Column, string[]> = {
	name: ['nama', 'namalengkap', 'namapeserta', 'name', 'fullname'],
	phone: [
		'hp',
		'nohp',
		'nomorhp',
		'wa',
		'nowa',
		'nomorwa',
		'whatsapp',
		'nomorwhatsapp',
		'telepon',
		'telp',
		'notelp',
		'nomortelepon',
		'phone',
		'phonenumber'
	],
	businessName: ['usaha', 'namausaha', 'ikm', 'namaikm', 'business', 'businessname'],
	desa: ['desa', 'kelurahan', 'desakelurahan', 'village']
};

function columnOf(header: string): Column | null {
	const key = header.toLowerCase().replace(/[^a-z]/g, '');
	for (const [column, names] of Object.entries(HEADERS) as [Column, string[]][])
		if (names.includes(key)) return column;
	return null;
}

/** Excel with Indonesian settings writes semicolons; others commas; pasted from a sheet, tabs. */
function guessDelimiter(firstLine: string) {
	const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
	return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

export type ParsedCsv =
	| { rows: ParticipantRow[]; problem?: undefined }
	| { problem: CsvProblem; found?: string[]; rows?: undefined };

/** Reads name, phone, business and desa by their header, in any order; other columns are an error. */
export function parseParticipantCsv(text: string): ParsedCsv {
	const clean = text.replace(/^\uFEFF/, '');
	const firstLine = clean.split(/\r?\n/).find((l) => l.trim()) ?? '';
	if (!firstLine) return { problem: 'csv_empty' };
	let records: string[][];
	try {
		records = parse(clean, {
			delimiter: guessDelimiter(firstLine),
			relax_column_count: true,
			// A quote inside an unquoted cell (5" or =HYPERLINK("…")) is text, not an error.
			relax_quotes: true,
			skip_empty_lines: true,
			trim: true
		});
	} catch {
		return { problem: 'csv_malformed' };
	}
	const [header, ...body] = records;
	const columns = header.map(columnOf);
	// Unknown or missing columns: better to stop than to put phone numbers into names.
	if (
		columns.some((c) => c === null) ||
		!columns.includes('name') ||
		!columns.includes('phone') ||
		new Set(columns).size !== columns.length
	)
		return { problem: 'csv_columns', found: header.map((h) => h.slice(0, 40)).slice(0, 10) };
	const data = body
		.map((record, i) => ({ record, line: i + 2 }))
		.filter(({ record }) => record.some((cell) => cell.trim()));
	if (!data.length) return { problem: 'csv_empty' };
	if (data.length > MAX_ROWS) return { problem: 'csv_too_many' };
	return {
		rows: data.map(({ record, line }) => {
			const row: ParticipantRow = {
				line,
				name: '',
				phone: '',
				businessName: '',
				desa: ''
			};
			columns.forEach((column, i) => (row[column!] = (record[i] ?? '').trim()));
			return row;
		})
	};
}
