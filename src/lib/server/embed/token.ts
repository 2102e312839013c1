import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64url, encodeBase64url } from '@oslojs/encoding';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '$lib/server/data-dir';

/**
 * The embed session: a signed token the embed page hands to its own script, which sends it
 * with every state-changing request (POST /api/sync). It names the partner and the host
 * origin the page was framed for. Signed, so it needs no table and every process of the
 * cluster can check it; sent as a header, never as a cookie, so no other site can make a
 * browser send it (no CSRF), and it works where third-party cookies are blocked.
 */
export type EmbedSession = { partnerId: string; origin: string; sid: string; expires: number };

const LIFETIME_MS = 24 * 60 * 60 * 1000;
const SECRET_FILE = 'embed-secret';

let secret: Uint8Array | undefined;

/** EMBED_SECRET, or a random secret made once in the data directory and shared by all processes. */
function key() {
	if (secret) return secret;
	const fromEnv = process.env.EMBED_SECRET?.trim();
	if (fromEnv) return (secret = new TextEncoder().encode(fromEnv));
	const file = join(dataDir(), SECRET_FILE);
	try {
		// 'wx': if another process made it first, keep theirs.
		writeFileSync(file, encodeBase64url(crypto.getRandomValues(new Uint8Array(32))), {
			mode: 0o600,
			flag: 'wx'
		});
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
	}
	return (secret = decodeBase64url(readFileSync(file, 'utf8').trim()));
}

const sign = (body: string) => encodeBase64url(hmac(SHA256, key(), new TextEncoder().encode(body)));

export function issueEmbedToken(partnerId: string, origin: string, now = Date.now()) {
	const session: EmbedSession = {
		partnerId,
		origin,
		sid: encodeBase64url(crypto.getRandomValues(new Uint8Array(12))),
		expires: now + LIFETIME_MS
	};
	const body = encodeBase64url(new TextEncoder().encode(JSON.stringify(session)));
	return `${body}.${sign(body)}`;
}

/** The session a token stands for, or null when it is forged, malformed or expired. */
export function readEmbedToken(token: string | null | undefined, now = Date.now()) {
	if (!token || token.length > 1000) return null;
	const [body, signature, extra] = token.split('.');
	if (!body || !signature || extra !== undefined) return null;
	const expected = new TextEncoder().encode(sign(body));
	if (!constantTimeEqual(expected, new TextEncoder().encode(signature))) return null;
	try {
		const session = JSON.parse(new TextDecoder().decode(decodeBase64url(body))) as EmbedSession;
		return typeof session.expires === 'number' && session.expires > now ? session : null;
	} catch {
		return null;
	}
}
