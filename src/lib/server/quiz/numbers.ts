/**
 * Reads a number the way Indonesians type it: "12.500", "Rp12.500", "12500", "12,5", "0,3".
 * A dot followed by groups of three digits is a thousands separator; a comma is the decimal mark.
 */
export function parseIndonesianNumber(input: string): number | null {
	let text = input
		.trim()
		.replace(/^rp\.?\s*/i, '')
		.replace(/\s+/g, '')
		.replace(/%$/, '');
	if (!text || text.length > 30) return null;
	const negative = text.startsWith('-');
	if (negative) text = text.slice(1);
	if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) text = text.replace(/\./g, '').replace(',', '.');
	else if (/^\d+,\d+$/.test(text)) text = text.replace(',', '.');
	else if (!/^\d+(\.\d+)?$/.test(text)) return null;
	const value = Number(text);
	return Number.isFinite(value) ? (negative ? -value : value) : null;
}
