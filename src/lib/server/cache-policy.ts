import type { RequestEvent } from '@sveltejs/kit';

/** Areas that are about someone even before the session is read (forms, redirects to login). */
const PRIVATE_AREAS = /^\/(?:account|trainer|admin|logout|save-progress|checkin|setup)(?:\/|$)/;

/**
 * Every response that depends on the session (every page a signed-in person gets shows their
 * name; account, trainer and admin pages show phone numbers) is sent `private, no-store`: no
 * proxy keeps it, and after signing out the browser's Back button cannot show it again from
 * its cache. Guests' public pages keep their caching (and the lesson page cache, which keys
 * entries by person, keeps working: it is in the server's memory, not the browser's). A route
 * that chose its own policy (an ETag'd grid, a public image) keeps it.
 */
export function setPrivateCaching(event: Pick<RequestEvent, 'locals' | 'url'>, response: Response) {
	if (response.headers.has('cache-control')) return;
	if (event.locals.user || PRIVATE_AREAS.test(event.url.pathname))
		response.headers.set('cache-control', 'private, no-store');
}
