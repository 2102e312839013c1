// Simulated phones for the ops tests: each keeps an outbox like the app's IndexedDB outbox,
// sends it to /api/sync in batches of up to 20, drops only what the server acknowledged
// (`stored` or `rejected`), and resends the rest after a failure, honouring Retry-After.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const COURSE = 'manajemen-usaha';
const BATCH = 20;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Lesson slugs of Manajemen Usaha, in order (`03-menghitung-hpp.md` → `menghitung-hpp`). */
export function lessonSlugs(repo) {
	return readdirSync(join(repo, 'courses', '01-manajemen-usaha'))
		.filter((f) => /^\d+-.+\.md$/.test(f))
		.sort()
		.map((f) => f.replace(/^\d+-/, '').replace(/\.md$/, ''));
}

export class Device {
	/** @param {{ lessons: string[], cookie?: string | null, userLabel?: string }} o */
	constructor({ lessons, cookie = null, userLabel = 'guest' }) {
		this.deviceId = randomUUID();
		this.cookie = cookie;
		this.userLabel = userLabel;
		this.lessons = lessons;
		/** @type {Map<string, object>} what the phone still has to send */
		this.outbox = new Map();
		/** @type {Map<string, object>} every event the phone ever recorded */
		this.created = new Map();
		/** ids the server listed in `stored` */
		this.acked = new Set();
		/** ids that were in a request whose answer never came (the server may have stored them) */
		this.unanswered = new Set();
		this.rejected = [];
		this.failures = 0;
		this.requests = 0;
	}

	/** Records `n` new activities, as a learner reading lessons does. */
	record(n) {
		for (let i = 0; i < n; i++) {
			const lesson = this.lessons[Math.floor(Math.random() * this.lessons.length)];
			const event = {
				id: randomUUID(),
				kind: Math.random() < 0.5 ? 'lesson_opened' : 'lesson_completed',
				course: COURSE,
				lesson,
				at: new Date(Date.now() - Math.floor(Math.random() * 3_600_000)).toISOString()
			};
			this.outbox.set(event.id, event);
			this.created.set(event.id, event);
		}
	}

	/** One POST of the oldest outbox events; returns the milliseconds to wait before the next. */
	async send(base) {
		const events = [...this.outbox.values()].slice(0, BATCH);
		if (!events.length) return 0;
		this.requests += 1;
		let res;
		try {
			res = await fetch(`${base}/api/sync`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					origin: base,
					...(this.cookie ? { cookie: this.cookie } : {})
				},
				body: JSON.stringify({ deviceId: this.deviceId, events }),
				signal: AbortSignal.timeout(10_000)
			});
		} catch {
			// Connection refused or reset: the server died with the request in flight, or is down.
			this.failures += 1;
			for (const e of events) this.unanswered.add(e.id);
			return 200;
		}
		let body = null;
		try {
			body = await res.json();
		} catch {
			// The connection broke mid-answer.
		}
		if (res.status === 200 && body && Array.isArray(body.stored)) {
			for (const id of body.stored) {
				this.acked.add(id);
				this.outbox.delete(id);
			}
			for (const r of body.rejected ?? []) {
				this.rejected.push(r);
				if (r.id) this.outbox.delete(r.id);
			}
			return 0;
		}
		this.failures += 1;
		for (const e of events) this.unanswered.add(e.id);
		const retryAfter = Number(res.headers.get('retry-after'));
		return retryAfter > 0 ? Math.min(retryAfter * 1000, 2000) : 200;
	}
}

/**
 * Every device records and sends until `stop()` says so: a few new activities per request.
 * @param {Device[]} devices
 */
export async function drive(devices, base, stop) {
	await Promise.all(
		devices.map(async (d) => {
			while (!stop()) {
				d.record(1 + Math.floor(Math.random() * 4));
				const wait = await d.send(base);
				if (wait) await sleep(wait);
			}
		})
	);
}

/** Devices send what they still hold until every outbox is empty (or `ms` pass). */
export async function drain(devices, base, ms = 20_000) {
	const until = Date.now() + ms;
	await Promise.all(
		devices.map(async (d) => {
			while (d.outbox.size && Date.now() < until) {
				const wait = await d.send(base);
				if (wait) await sleep(wait);
			}
		})
	);
	return devices.every((d) => d.outbox.size === 0);
}

/** `name=value` of the session cookie a response sets, or null. */
function sessionCookie(res) {
	for (const c of res.headers.getSetCookie()) {
		const [pair] = c.split(';');
		if (pair.startsWith('nk-session=') && pair.length > 'nk-session='.length) return pair;
	}
	return null;
}

/** POSTs a form as a browser does; returns the session cookie it set. */
async function postForm(base, path, fields) {
	const res = await fetch(`${base}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields)
	});
	const text = await res.text();
	const cookie = sessionCookie(res);
	if (res.status !== 303 || !cookie)
		throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 300)}`);
	return cookie;
}

const PASSWORD = 'sandi uji kuat 2026';

/** The first admin (the app sends every page to /setup until one exists), then `n` learners. */
export async function signUp(base, n) {
	await postForm(base, '/setup', {
		name: 'Admin Uji',
		contact: 'admin@uji.example',
		password: PASSWORD,
		confirm: PASSWORD
	});
	const cookies = [];
	for (let i = 0; i < n; i++)
		cookies.push(
			await postForm(base, '/register', {
				name: `Peserta Uji ${i + 1}`,
				contact: `0857${String(20_000_000 + i).slice(-8)}`,
				password: PASSWORD,
				confirm: PASSWORD
			})
		);
	return cookies;
}
