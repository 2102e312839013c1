// 4. Sync ingestion: many phones sending their offline progress to /api/sync in batches of 20,
// each phone also sending one batch twice (the answer to the first send was lost). Afterwards
// the database must hold every event exactly once.
import { createClient } from '@libsql/client';
import { randomUUID } from 'node:crypto';
import { countProgressEvents } from '../lib/progress-events.js';
import { figure, unavailable } from './lib/report.js';
import { COURSE, lessonSlugs, registerLearners } from './lib/seed.js';

const SECTION = 'Sync ingestion (/api/sync)';
const KINDS = ['lesson_opened', 'lesson_completed'];

function makeBatch(lessons, size) {
	return Array.from({ length: size }, (_, i) => ({
		id: randomUUID(),
		kind: KINDS[i % KINDS.length],
		course: COURSE,
		lesson: lessons[i % lessons.length],
		at: new Date(Date.now() - (size - i) * 60_000).toISOString()
	}));
}

async function post(base, cookie, deviceId, events) {
	const res = await fetch(new URL('/api/sync', base), {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			accept: 'application/json',
			origin: new URL(base).origin,
			cookie
		},
		body: JSON.stringify({ deviceId, events })
	});
	const text = await res.text();
	let body = null;
	try {
		body = JSON.parse(text);
	} catch {
		// Reported with the status.
	}
	return { status: res.status, body, text };
}

/** How many of `ids` the progress_event table holds, and how many distinct. */
async function countStored(dbUrl, ids) {
	const db = createClient({ url: dbUrl });
	try {
		return await countProgressEvents(db, ids);
	} finally {
		db.close();
	}
}

/**
 * @param {string} base
 * @param {{ repo: string, dbUrl: string, cookie: string, learners?: number, devices?: number,
 *   batches?: number, batchSize?: number }} opts
 */
export async function measureSync(base, opts) {
	const { repo, dbUrl, cookie, learners = 10, devices = 50, batches = 10, batchSize = 20 } = opts;
	const lessons = await lessonSlugs(repo);

	// One real event first: a 404 means the endpoint is not there yet.
	const probeEvents = makeBatch(lessons, 1);
	const probe = await post(base, cookie, randomUUID(), probeEvents);
	if (probe.status === 404)
		return {
			rows: [unavailable(SECTION, 'events/s', 'not available yet (POST /api/sync answered 404)')],
			details: { available: false }
		};
	if (probe.status !== 200)
		throw new Error(`POST /api/sync answered ${probe.status}: ${probe.text.slice(0, 300)}`);

	const cookies = (await registerLearners(base, learners)).map((l) => l.cookie);
	const phones = Array.from({ length: devices }, (_, i) => ({
		deviceId: randomUUID(),
		cookie: cookies[i % cookies.length],
		batches: Array.from({ length: batches }, () => makeBatch(lessons, batchSize))
	}));
	const sent = new Set(probeEvents.map((e) => e.id));
	for (const p of phones) for (const b of p.batches) for (const e of b) sent.add(e.id);

	const tally = {
		requests: 0,
		failed: 0,
		stored: 0,
		rejected: 0,
		resentStored: 0,
		resentRejected: 0
	};
	const reasons = {};
	const resentReasons = {};
	const failures = [];
	const record = (r, resent) => {
		tally.requests += 1;
		if (r.status !== 200 || !r.body) {
			tally.failed += 1;
			if (failures.length < 3) failures.push(`${r.status} ${r.text.slice(0, 200)}`);
			return;
		}
		const stored = r.body.stored?.length ?? 0;
		const rejected = r.body.rejected ?? [];
		const counts = resent ? resentReasons : reasons;
		for (const x of rejected) counts[x.reason] = (counts[x.reason] ?? 0) + 1;
		if (resent) {
			tally.resentStored += stored;
			tally.resentRejected += rejected.length;
		} else {
			tally.stored += stored;
			tally.rejected += rejected.length;
		}
	};

	const started = performance.now();
	await Promise.all(
		phones.map(async (p) => {
			for (const b of p.batches) record(await post(base, p.cookie, p.deviceId, b), false);
			// The answer to the middle batch never reached the phone: it sends it again.
			record(await post(base, p.cookie, p.deviceId, p.batches[batches >> 1]), true);
		})
	);
	const seconds = (performance.now() - started) / 1000;

	const unique = sent.size - probeEvents.length;
	const posted = unique + devices * batchSize;
	const count = await countStored(dbUrl, [...sent]);
	const lost = sent.size - count.distinct;
	const doubled = count.rows - count.distinct;
	const rows = [
		figure(SECTION, 'events/s ingested', unique / seconds, {
			unit: 'events/s',
			min: 1000,
			note: `${unique} events from ${devices} phones of ${learners} learners in batches of ${batchSize}, ${seconds.toFixed(1)} s (${Math.round(posted / seconds)} events/s counting the resent batches)`
		}),
		figure(SECTION, 'events lost', lost, {
			unit: 'events',
			max: 0,
			note: `${count.distinct} of ${sent.size} in progress_event`
		}),
		figure(SECTION, 'events stored twice', doubled, {
			unit: 'events',
			max: 0,
			note: `${devices} batches sent twice; the second time ${tally.resentStored} reported stored, ${tally.resentRejected} rejected${Object.keys(resentReasons).length ? ` ${JSON.stringify(resentReasons)}` : ''}`
		}),
		figure(SECTION, 'requests failed', tally.failed, {
			unit: 'requests',
			max: 0,
			note: failures.join(' | ') || `${tally.requests} requests`
		}),
		figure(SECTION, 'events rejected on first send', tally.rejected, {
			unit: 'events',
			note: Object.keys(reasons).length ? `reasons: ${JSON.stringify(reasons)}` : ''
		})
	];
	return {
		rows,
		details: { available: true, seconds, unique, tally, reasons, resentReasons, count }
	};
}
