import { redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { isSetupDone } from '$lib/server/auth/first-run';
import { pruneRateLimits } from '$lib/server/auth/rate-limit';
import {
	SESSION_COOKIE,
	deleteExpiredSessions,
	deleteSessionCookie,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { ensureDatabase } from '$lib/server/db';
import { frameAncestors } from '$lib/server/embed/context';

export const init: ServerInit = async () => {
	await ensureDatabase();
	// Housekeeping once per start: both tables only ever need their live rows.
	await deleteExpiredSessions();
	await pruneRateLimits();
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	const secure = event.url.protocol === 'https:';
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const { session, user, renewed } = await validateSessionToken(token);
		if (session) {
			// Only a renewed session needs a new cookie (sliding 30 days); not every response.
			if (renewed) setSessionCookie(event.cookies, token, session.expiresAt, secure);
			event.locals.user = user;
			event.locals.session = session;
		} else {
			// Forged or expired: drop the cookie and carry on as a guest.
			deleteSessionCookie(event.cookies, secure);
		}
	}
	return resolve(event);
};

/** Until the first admin exists, pages lead to /setup; afterwards /setup is gone. */
const handleFirstRun: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname;
	const isPage = event.request.headers.get('accept')?.includes('text/html');
	if (isPage && !(await isSetupDone()) && path !== '/setup' && !path.startsWith('/api/'))
		redirect(303, '/setup');
	return resolve(event);
};

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	// SvelteKit repeats the page's preload tags as a Link header: about 2 KB of uncompressed
	// HTTP/1.1 header on every page, paid by the learner, for what the HTML says anyway.
	response.headers.delete('link');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	await setFrameHeaders(event.url, response.headers);
	return response;
};

/** Only /embed/* may be framed, and only by registered partner origins (see embed/context). */
async function setFrameHeaders(url: URL, headers: Headers) {
	const ancestors = await frameAncestors(url);
	const csp = headers.get('Content-Security-Policy');
	headers.set(
		'Content-Security-Policy',
		csp ? `${csp}; frame-ancestors ${ancestors}` : `frame-ancestors ${ancestors}`
	);
	// For browsers too old for frame-ancestors; on /embed/* the CSP alone decides.
	if (ancestors === "'none'") headers.set('X-Frame-Options', 'DENY');
}

export const handle = sequence(handleHeaders, handleLocale, handleSession, handleFirstRun);
