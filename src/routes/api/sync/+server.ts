import { json } from '@sveltejs/kit';
import { clientAddress } from '$lib/server/auth/guard';
import { LIMITS, consume, retryAfterSeconds } from '$lib/server/auth/rate-limit';
import { readEmbedRequest } from '$lib/server/embed/request';
import { publicBaseUrl } from '$lib/server/public-url';
import { awardAfterSync, ingest, progressSummary } from '$lib/server/sync/ingest';
import { readBody, readEvent, type Rejected, type SyncEvent } from '$lib/server/sync/validate';
import type { RequestHandler } from './$types';

/**
 * Progress events in, progress out. A malformed request is refused whole (400, nothing stored);
 * in a well-formed batch, each bad event is listed in `rejected` with its reason and the rest
 * is stored. The browser drops every id in `stored` and `rejected`, and keeps the rest.
 */
export const POST: RequestHandler = async (event) => {
	const { request, locals, url } = event;
	const wait = await consume([[`sync:address:${clientAddress(event)}`, LIMITS.sync]]);
	if (wait > 0) {
		// The browser keeps its outbox and tries again after Retry-After.
		const seconds = retryAfterSeconds(wait);
		return json(
			{
				error: 'too_many_requests',
				message: `Terlalu banyak kiriman dari jaringan ini. Coba lagi dalam ${seconds} detik.`
			},
			{ status: 429, headers: { 'retry-after': seconds, 'cache-control': 'no-store' } }
		);
	}
	const body = readBody(await request.text());
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
	const partnerId = embed?.partnerId ?? null;
	const { stored, results } = await ingest(userId, body.deviceId, events, rejected, partnerId);
	const awarded = userId
		? await awardAfterSync(userId, new Set(events.map((e) => e.course)), publicBaseUrl(url))
		: [];
	return json(
		{
			stored,
			rejected,
			results,
			awarded,
			progress: await progressSummary(userId, body.deviceId)
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};
