import { json } from '@sveltejs/kit';
import { clientAddress } from '$lib/server/auth/guard';
import { LIMITS, consume, retryAfterSeconds } from '$lib/server/auth/rate-limit';
import { readEmbedRequest } from '$lib/server/embed/request';
import { readText } from '$lib/server/http/body';
import { publicBaseUrl } from '$lib/server/public-url';
import { consumeGuestBudget } from '$lib/server/sync/guest-limits';
import { progressOf, record } from '$lib/server/sync/ingest';
import {
	MAX_BODY_BYTES,
	readBody,
	readEvent,
	type Rejected,
	type SyncEvent
} from '$lib/server/sync/validate';
import type { SyncResponse } from '$lib/sync/contract';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store' };

function tooMany(wait: number, message: (seconds: string) => string) {
	// The browser keeps its outbox and tries again after Retry-After.
	const seconds = retryAfterSeconds(wait);
	return json(
		{ error: 'too_many_requests', message: message(seconds) },
		{ status: 429, headers: { 'retry-after': seconds, ...NO_STORE } }
	);
}

/**
 * Progress events in, progress out. A malformed request is refused whole (400, nothing stored;
 * 413 over the size limit); in a well-formed batch, each bad event is listed in `rejected` with
 * its reason and the rest is stored. The browser drops every id in `stored` and `rejected`, and
 * keeps the rest.
 */
export const POST: RequestHandler = async (event) => {
	const { request, locals, url } = event;
	const address = clientAddress(event);
	const wait = await consume([[`sync:address:${address}`, LIMITS.sync]]);
	if (wait > 0)
		return tooMany(
			wait,
			(s) => `Terlalu banyak kiriman dari jaringan ini. Coba lagi dalam ${s} detik.`
		);
	const text = await readText(request, MAX_BODY_BYTES);
	if ('error' in text) return json({ error: text.error }, { status: text.status });
	const body = readBody(text.text);
	if ('error' in body) return json({ error: body.error }, { status: 400 });

	const events: SyncEvent[] = [];
	const rejected: Rejected[] = [];
	const seen = new Set<string>();
	for (const raw of body.events) {
		const event = readEvent(raw);
		if ('reason' in event) rejected.push(event);
		else if (!seen.has(event.id)) {
			seen.add(event.id);
			events.push(event);
		}
	}

	// Inside a partner's embed the site's cookies may never arrive: the embed session says
	// which partner, and an account linked through "Simpan progres" comes as a bearer token.
	const embed = await readEmbedRequest(request);
	const userId = locals.user?.id ?? embed?.userId ?? null;
	if (!userId) {
		// Guests store only a bounded number of events per address (see guest-limits.ts).
		const wait = await consumeGuestBudget(address, events.length);
		if (wait > 0)
			return tooMany(
				wait,
				(s) =>
					`Terlalu banyak progres tamu dari jaringan ini. Masuk atau daftar agar progres tersimpan, atau coba lagi dalam ${s} detik.`
			);
	}
	const deviceId = body.deviceId;
	const done = await record(
		events,
		{ userId, deviceId, partnerId: embed?.partnerId ?? null, baseUrl: publicBaseUrl(url) },
		rejected
	);
	// The courses this batch touched; everything when it handed the device to an account.
	const full = !!userId && (body.claim || done.claimed > 0);
	const answer: SyncResponse = {
		stored: done.stored,
		rejected: done.rejected,
		results: done.results.map(({ id, score, passed, passMark }) => ({
			id,
			score,
			passed,
			passMark
		})),
		awarded: done.awarded,
		progress: await progressOf(
			userId,
			deviceId,
			full ? 'all' : new Set(events.map((e) => e.course))
		),
		full
	};
	return json(answer, { headers: NO_STORE });
};
