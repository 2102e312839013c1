// Small HTTP helpers: form posts the way a browser sends them, and the session cookie.

export const SESSION_COOKIE = 'nk-session';

/** `name=value` of the session cookie a response sets, or null. */
export function sessionCookie(res) {
	for (const c of res.headers.getSetCookie()) {
		const [pair] = c.split(';');
		if (pair.startsWith(`${SESSION_COOKIE}=`) && pair.length > SESSION_COOKIE.length + 1)
			return pair;
	}
	return null;
}

/** GET as a browser would for a page. */
export async function getPage(base, path, cookie) {
	const res = await fetch(new URL(path, base), {
		redirect: 'manual',
		headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) }
	});
	return { res, body: await res.text() };
}

/** POSTs a urlencoded form with the Origin header SvelteKit's CSRF check wants. */
export async function postForm(base, path, fields, cookie) {
	const body = new URLSearchParams();
	for (const [key, value] of Object.entries(fields))
		for (const v of Array.isArray(value) ? value : [value]) body.append(key, String(v));
	const res = await fetch(new URL(path, base), {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: new URL(base).origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			...(cookie ? { cookie } : {})
		},
		body
	});
	return { res, body: await res.text() };
}

/** Runs `fn` over `items` with at most `limit` at a time; results keep the items' order. */
export async function mapLimit(items, limit, fn) {
	const results = new Array(items.length);
	let next = 0;
	async function worker() {
		while (next < items.length) {
			const i = next++;
			results[i] = await fn(items[i], i);
		}
	}
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}
