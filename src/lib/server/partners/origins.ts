export type OriginProblem = 'invalid' | 'path' | 'wildcard' | 'http' | 'too_many' | 'none';

export type OriginCheck =
	{ origins: string[] } | { problems: { value: string; problem: OriginProblem }[] };

const MAX_ORIGINS = 10;
// A browser treats these as secure even over http: fine for trying the embed on one's own machine.
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/**
 * Reads the origins an admin typed (one a line, or separated by spaces or commas) into the
 * exact form a browser reports them in (`https://desa-contoh.id`), or says what is wrong with
 * each bad one. A path, a wildcard and (in production) plain http are refused: frame-ancestors
 * and postMessage both compare whole origins, and a partner page over http could be altered
 * on the way to show someone else's embed.
 */
export function readOrigins(text: string, production: boolean): OriginCheck {
	const values = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
	if (!values.length) return { problems: [{ value: '', problem: 'none' }] };
	if (values.length > MAX_ORIGINS) return { problems: [{ value: '', problem: 'too_many' }] };
	const origins: string[] = [];
	const problems: { value: string; problem: OriginProblem }[] = [];
	for (const value of values) {
		const problem = originProblem(value, production);
		if (problem) problems.push({ value, problem });
		else origins.push(new URL(value).origin);
	}
	return problems.length ? { problems } : { origins: [...new Set(origins)] };
}

function originProblem(value: string, production: boolean): OriginProblem | null {
	if (value.includes('*')) return 'wildcard';
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return 'invalid';
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'invalid';
	if (url.username || url.password || !url.hostname) return 'invalid';
	// Only a bare trailing slash is allowed after the host: `https://desa.id/` is the origin.
	if (url.pathname !== '/' || url.search || url.hash || /^https?:\/\/[^/]+\/./i.test(value))
		return 'path';
	if (url.protocol === 'http:' && production && !LOOPBACK.test(url.hostname)) return 'http';
	return null;
}
