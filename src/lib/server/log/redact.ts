/**
 * Makes a line safe for the server log: no passwords, session tokens or full phone numbers.
 * Applied to everything the server logs about a request (see handleError in hooks.server.ts).
 */
const RULES: [RegExp, string | ((match: string) => string)][] = [
	// A failed drizzle query lists its parameters: password hashes, phone numbers, token hashes.
	[/(params:).*$/gim, '$1 [disamarkan]'],
	// Fields named like secrets, as form data, JSON or key=value.
	[
		/("?(?:password|confirm|current|passwordHash|password_hash|token|nk-session|cookie|authorization)"?\s*[:=]\s*)("[^"]*"|[^\s,;&}]+)/gi,
		'$1[disamarkan]'
	],
	[/\$argon2(?:id|i|d)\$[^\s,;"']+/g, '[hash disamarkan]'],
	// Session tokens (32 base64url characters) and their SHA-256 (64 hex digits); UUIDs stay.
	[/(?<![\w-])[A-Za-z0-9_-]{32}(?![\w-])/g, '[token disamarkan]'],
	[/(?<![\w-])[0-9a-f]{64}(?![\w-])/gi, '[token disamarkan]'],
	// Phone numbers as people and the database write them: 0812-3456-7890, +62 812 3456 7890,
	// 6281234567890. Only the last three digits stay, enough to tell two reports apart.
	[
		/\+?\d+(?:[ -]\d{3,})*/g,
		(match) => {
			const digits = match.replace(/\D/g, '');
			return digits.length >= 9 ? `[nomor …${digits.slice(-3)}]` : match;
		}
	]
];

export function redact(text: string): string {
	let out = text;
	for (const [pattern, replacement] of RULES)
		out = out.replace(pattern, replacement as (substring: string) => string);
	return out;
}
