/**
 * User text as the database can keep it: SQLite hands text back only up to the first NUL, so a
 * name like "\0Ledre" would be saved and then read as "". Control characters other than line
 * breaks and tabs go (they have no place in a name or a note), lone surrogates become U+FFFD,
 * and surrounding spaces are trimmed.
 */
export function cleanText(value: unknown): string {
	return (
		String(value ?? '')
			.toWellFormed()
			// eslint-disable-next-line no-control-regex -- removing them is the point
			.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
			.trim()
	);
}
