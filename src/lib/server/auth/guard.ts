import { error, redirect, type RequestEvent } from '@sveltejs/kit';

/**
 * Where to go after signing in: only paths on this site, never `//evil.example`, and only in
 * printable ASCII (as the browser sends a path), since a Location header cannot carry the rest.
 */
export function safeNext(value: string | null | undefined, fallback = '/') {
	return value &&
		value.startsWith('/') &&
		!value.startsWith('//') &&
		!value.startsWith('/\\') &&
		/^[\x21-\x7e]*$/.test(value)
		? value
		: fallback;
}

export function loginUrl(url: URL) {
	return `/login?next=${encodeURIComponent(url.pathname + url.search)}`;
}

export function requireUser({ locals, url }: Pick<RequestEvent, 'locals' | 'url'>) {
	if (!locals.user) redirect(303, loginUrl(url));
	return locals.user;
}

export function requireAdmin(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const user = requireUser(event);
	if (user.role !== 'admin') error(403, 'forbidden');
	return user;
}

/** Trainers, and admins who can do everything a trainer can. */
export function requireTrainer(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const user = requireUser(event);
	if (user.role !== 'trainer' && user.role !== 'admin') error(403, 'forbidden');
	return user;
}

/** The client address for rate limits; adapter-node honours ADDRESS_HEADER behind a proxy. */
export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>) {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}
