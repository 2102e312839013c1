import { extractLocaleFromRequest } from '$lib/paraglide/runtime';
import { parse } from 'cookie';
import { SESSION_COOKIE, checkSession, readToken, type TokenRead } from '$lib/server/auth/session';
import { noticeStamp } from '$lib/server/notices/store';
import { doneInCourse } from '$lib/server/progress';

/**
 * What a lesson page's HTML depends on, read from the bare request, so that SvelteKit's hook
 * and server.js's fast lane compute the same key for the same request.
 *
 * A lesson page is a function of the build (its text), the site's origin (absolute links), the
 * locale, who is signed in (name and role, for the navigation), which lessons of the course
 * they have done, and the lesson's "Pembaruan" notice (put up by an admin, no build): the key
 * holds all of these, so an entry never needs invalidating; a new build starts with an empty cache. Guests share one entry per (lesson, locale).
 */

/** The parts of a request the key reads; from a web Request or a node IncomingMessage. */
export type PageRequest = {
	method: string;
	/** Path and query as sent, e.g. `/courses/x/y` (a query is never cached). */
	path: string;
	/** The site's origin as SvelteKit sees it (`event.url.origin`). */
	origin: string;
	header(name: string): string | null | undefined;
	/** The request's session, read once and shared with the rest of the request (SvelteKit's hooks). */
	session?: () => Promise<TokenRead | null>;
};

export type Encoding = 'br' | 'gzip' | 'identity';

/** Only plain lesson addresses; anything encoded, dotted or with a query goes to SvelteKit. */
const LESSON_PATH = /^\/courses\/([a-z0-9-]+)\/([a-z0-9-]+)$/;

export function encodingFor(acceptEncoding: string | null | undefined): Encoding {
	const accepted = acceptEncoding ?? '';
	if (/\bbr\b/.test(accepted)) return 'br';
	if (/\bgzip\b/.test(accepted)) return 'gzip';
	return 'identity';
}

/**
 * The cache key, or null when this request must be rendered by SvelteKit: not a lesson page, or
 * a session that is invalid, must choose a new password, or is due a write (renewal, which sets
 * a cookie, or "last seen").
 */
export async function pageKey(req: PageRequest): Promise<string | null> {
	if (req.method !== 'GET') return null;
	const lesson = LESSON_PATH.exec(req.path);
	if (!lesson || !req.header('accept')?.includes('text/html')) return null;
	const cookies = parse(req.header('cookie') ?? '');
	// Paraglide's own reading of the locale (its strategies: cookie, then Indonesian).
	const locale = extractLocaleFromRequest({
		url: req.origin + req.path,
		headers: { get: (name: string) => req.header(name) ?? null }
	} as Request);

	let who = 'guest';
	let done = '';
	const token = cookies[SESSION_COOKIE];
	const read = req.session ? await req.session() : token ? await readToken(token) : null;
	if (read) {
		const { row } = read;
		if (!row || row.mustChangePassword) return null;
		const check = checkSession(row, read.now);
		if (!check.valid || check.renew || check.touch) return null;
		who = JSON.stringify([row.userId, row.name, row.role]);
		done = [...(await doneInCourse(row.userId, lesson[1]))].sort().join(',');
	}
	const encoding = encodingFor(req.header('accept-encoding'));
	const notice = await noticeStamp(lesson[1], lesson[2]);
	return `${req.origin}${req.path}\n${locale}\n${who}\n${done}\n${notice}\n${encoding}`;
}
