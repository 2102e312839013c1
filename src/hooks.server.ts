import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import cluster from 'node:cluster';
import { isSetupDone } from '$lib/server/auth/first-run';
import { pruneRateLimits } from '$lib/server/auth/rate-limit';
import { setupCode, setupCodePath } from '$lib/server/auth/setup-code';
import {
	deleteExpiredSessions,
	deleteSessionCookie,
	requestToken,
	setSessionCookie,
	settleSession
} from '$lib/server/auth/session';
import { ensureDatabase } from '$lib/server/db';
import { EMBED_PREFIX, frameAncestors } from '$lib/server/embed/context';
import { allowWpEmbedScript } from '$lib/server/embed/wp-embed-csp';
import { setPrivateCaching } from '$lib/server/cache-policy';
import { handleHost, openHostCheck } from '$lib/server/host';
import { handlePageCache, openFastLane } from '$lib/server/page-cache';
import { setTimeZone, timeZone } from '$lib/time';
import { redact } from '$lib/server/log/redact';
import { scheduleGuestPruning } from '$lib/server/sync/guest-limits';

/** No page needs these; a script injected somehow gets none of them either. */
const PERMISSIONS_POLICY =
	'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()';

export const init: ServerInit = async () => {
	if (process.env.TIME_ZONE && !setTimeZone(process.env.TIME_ZONE))
		console.error(
			`Naik Kelas: TIME_ZONE=${process.env.TIME_ZONE} tidak dikenal; memakai ${timeZone()}`
		);
	await ensureDatabase();
	// Housekeeping once per start: both tables only ever need their live rows.
	await deleteExpiredSessions();
	await pruneRateLimits();
	openFastLane();
	scheduleGuestPruning();
	openHostCheck();
	// A fresh install: where the code for /setup from another computer is (never the code itself),
	// said once, not by every server process.
	if (!(await isSetupDone()) && (cluster.isPrimary || cluster.worker?.id === 1)) {
		setupCode();
		console.log(
			`Naik Kelas: belum ada admin. Buka /setup di komputer ini; dari komputer lain halaman itu meminta kode penyiapan dari berkas ${setupCodePath()}`
		);
	}
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** What a person signed in with a one-time code may reach before choosing their password. */
const ALLOWED_BEFORE_NEW_PASSWORD = /^\/(account\/password|logout|language|api\/)/;

const handleSession: Handle = async ({ event, resolve }) => {
	const secure = event.url.protocol === 'https:';
	event.locals.user = null;
	event.locals.session = null;
	// Read once per request: the page cache's key may have read it already.
	const read = await requestToken(event);
	if (read) {
		const { session, user, renewed, mustChangePassword } = await settleSession(read);
		if (session && mustChangePassword && !ALLOWED_BEFORE_NEW_PASSWORD.test(event.url.pathname)) {
			// Signed in with a trainer's one-time code: choosing a password comes first.
			const next = event.url.pathname.replace(/\/__data\.json$/, '') || '/';
			redirect(303, `/account/password?next=${encodeURIComponent(next)}`);
		}
		if (session) {
			// Only a renewed session needs a new cookie (sliding 30 days); not every response.
			if (renewed) setSessionCookie(event.cookies, read.token, session.expiresAt, secure);
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

/** Adds a directive to the response's policy, keeping what SvelteKit (kit.csp) or a route set. */
function addCsp(response: Response, directive: string) {
	const current = response.headers.get('Content-Security-Policy');
	response.headers.set('Content-Security-Policy', current ? `${current}; ${directive}` : directive);
}

/** Only /embed/* may be framed, and only by registered partner origins (see embed/context). */
async function setFraming(url: URL, response: Response) {
	const ancestors = await frameAncestors(url);
	addCsp(response, `frame-ancestors ${ancestors}`);
	// For browsers too old for frame-ancestors; on /embed/* the CSP alone decides.
	if (ancestors === "'none'") response.headers.set('X-Frame-Options', 'DENY');
}

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	setPrivateCaching(event, response);
	// The same three headers server.js puts on static files, which never pass through here.
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('Permissions-Policy', PERMISSIONS_POLICY);
	// Only over HTTPS: a village-hall laptop serving plain HTTP must stay reachable.
	if (event.url.protocol === 'https:')
		response.headers.set('Strict-Transport-Security', 'max-age=31536000');
	// SvelteKit repeats the page's preload tags as a Link header: about 2 KB of uncompressed
	// HTTP/1.1 header on every page, paid by the learner, for what the HTML says anyway.
	response.headers.delete('link');
	// Pages get their policy from kit.csp; JSON, images and files may load nothing at all.
	const type = response.headers.get('content-type') ?? '';
	if (!response.headers.has('Content-Security-Policy') && !type.startsWith('text/html'))
		response.headers.set('Content-Security-Policy', "default-src 'none'");
	await setFraming(event.url, response);
	// The embed pages' inline wp-embed script (WordPress's height and link messages).
	const policy = response.headers.get('Content-Security-Policy');
	if (event.url.pathname.startsWith(EMBED_PREFIX) && policy && type.startsWith('text/html'))
		response.headers.set('Content-Security-Policy', allowWpEmbedScript(policy));
	return response;
};

// The host check, then the page cache: a hit needs none of the others (its entry holds their headers).
export const handle = sequence(
	handleHost,
	handlePageCache,
	handleHeaders,
	handleLocale,
	handleSession,
	handleFirstRun
);

/**
 * Unexpected errors: logged without passwords, session tokens or phone numbers (a failed query's
 * message carries its parameters), and the learner sees only a generic message.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status !== 404)
		console.error(redact(`${event.request.method} ${event.url.pathname}: ${describe(error)}`));
	return { message };
};

function describe(error: unknown) {
	if (error instanceof Error) {
		const cause =
			error.cause instanceof Error
				? `\ncaused by: ${error.cause.stack ?? error.cause.message}`
				: '';
		return `${error.stack ?? error.message}${cause}`;
	}
	return String(error);
}
