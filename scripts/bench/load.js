// 8. Load: 200 simulated learners, each in their own session, browsing lessons, taking the graded
// quiz and syncing their progress against the production server for 60 s. Budget: no 5xx at
// all, and p99 latency under 500 ms over every request.
import { createClient } from '@libsql/client';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SESSION_COOKIE } from './lib/http.js';
import { figure } from './lib/report.js';
import { correctAnswers, lessonSlugs } from './lib/seed.js';
import { serverCpuMs } from './throughput.js';

const SECTION = 'Load (simulated learners)';
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Pause between two actions of one learner: 1 to 5 s. Someone reading a lesson pauses for
 * minutes, so this is some thirty times busier than a real class of 200.
 */
const THINK_MS = [1000, 5000];

/** Every course folder with its slug, lessons in order, and quiz. */
async function catalogue(repo) {
	const dirs = (await readdir(join(repo, 'courses'), { withFileTypes: true }))
		.filter((d) => d.isDirectory() && /^\d+-/.test(d.name))
		.map((d) => d.name)
		.sort();
	const courses = [];
	for (const dir of dirs) {
		const quiz = parse(await readFile(join(repo, 'courses', dir, 'quiz.yaml'), 'utf8'));
		courses.push({
			slug: dir.replace(/^\d+-/, ''),
			lessons: await lessonSlugs(repo, dir),
			quiz
		});
	}
	return courses;
}

/** Learners with a live session each, straight into the database (no password hashing). */
async function seedLearners(dbUrl, count) {
	const db = createClient({ url: dbUrl });
	const learners = [];
	const statements = [];
	const expires = Date.now() + 30 * DAY_MS;
	for (let i = 0; i < count; i++) {
		const id = randomUUID();
		const token = randomBytes(24).toString('base64url');
		const sessionId = createHash('sha256').update(token).digest('hex');
		statements.push(
			{
				sql: 'insert into user (id, name, phone, password_hash, role) values (?, ?, ?, ?, ?)',
				args: [id, `Peserta Beban ${i + 1}`, `+62859${String(1e7 + i).slice(-8)}`, 'x', 'learner']
			},
			{
				sql: 'insert into session (id, user_id, expires_at) values (?, ?, ?)',
				args: [sessionId, id, expires]
			}
		);
		learners.push({ id, cookie: `${SESSION_COOKIE}=${token}`, deviceId: randomUUID() });
	}
	try {
		await db.batch(statements, 'write');
	} finally {
		db.close();
	}
	return learners;
}

const pick = (items) => items[Math.floor(Math.random() * items.length)];

/** A well-formed answer to `q` that is not the right one. */
function wrongAnswer(q) {
	if (q.kind === 'truefalse') return String(!q.answer);
	if (q.kind === 'numeric') return String(Number(q.answer) + 1000);
	const other = q.options?.find((o) => ![q.answer].flat().includes(o.id));
	return other ? other.id : String(q.answer);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted, p) {
	if (!sorted.length) return null;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * @param {string} base
 * @param {{ repo: string, dbUrl: string, pid?: number, learners?: number, seconds?: number }} opts
 */
export async function measureLoad(base, { repo, dbUrl, pid, learners = 200, seconds = 60 }) {
	const courses = await catalogue(repo);
	const people = await seedLearners(dbUrl, learners);
	const origin = new URL(base).origin;
	/** @type {Record<string, { ms: number[], status: Record<string, number> }>} */
	const byKind = {};
	let failures = 0;
	let firstFailure = '';

	async function timed(kind, path, init = {}) {
		const started = performance.now();
		let status = 'error';
		try {
			const res = await fetch(new URL(path, base), { redirect: 'manual', ...init });
			await res.arrayBuffer();
			status = String(res.status);
		} catch (e) {
			failures++;
			firstFailure ||= e instanceof Error ? e.message : String(e);
		}
		const entry = (byKind[kind] ??= { ms: [], status: {} });
		entry.ms.push(performance.now() - started);
		entry.status[status] = (entry.status[status] ?? 0) + 1;
	}

	const page = (cookie) => ({
		headers: { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br', cookie }
	});

	async function learner(person, until) {
		const course = pick(courses);
		let next = 0;
		/** @type {object[]} */
		let outbox = [];
		// Spread the start over the first two seconds, as people do not all tap at once.
		await sleep(Math.random() * 2000);
		while (performance.now() < until) {
			const roll = Math.random();
			if (roll < 0.6) {
				const lesson = course.lessons[next % course.lessons.length];
				next++;
				await timed('lesson page', `/courses/${course.slug}/${lesson}`, page(person.cookie));
				const at = new Date().toISOString();
				outbox.push(
					{ id: randomUUID(), kind: 'lesson_opened', course: course.slug, lesson, at },
					{ id: randomUUID(), kind: 'lesson_completed', course: course.slug, lesson, at }
				);
			} else if (roll < 0.7) {
				await timed(
					'course or home page',
					pick(['/', `/courses/${course.slug}`]),
					page(person.cookie)
				);
			} else if (roll < 0.85) {
				const events = outbox.length
					? outbox.splice(0, 20)
					: [
							{
								id: randomUUID(),
								kind: 'lesson_opened',
								course: course.slug,
								lesson: course.lessons[0],
								at: new Date().toISOString()
							}
						];
				await timed('sync', '/api/sync', {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						accept: 'application/json',
						origin,
						cookie: person.cookie
					},
					body: JSON.stringify({ deviceId: person.deviceId, events })
				});
			} else {
				await timed('quiz page', `/courses/${course.slug}/quiz`, page(person.cookie));
				const fields = correctAnswers(course.quiz);
				// One submission in three gets the first question wrong (a true/false or choice
				// answered otherwise): wrong answers are graded too.
				if (Math.random() < 1 / 3)
					fields[`q.${course.quiz.questions[0].id}`] = wrongAnswer(course.quiz.questions[0]);
				const body = new URLSearchParams();
				for (const [key, value] of Object.entries(fields))
					for (const v of Array.isArray(value) ? value : [value]) body.append(key, String(v));
				await timed('quiz submit', `/courses/${course.slug}/quiz`, {
					method: 'POST',
					headers: {
						origin,
						accept: 'text/html',
						'content-type': 'application/x-www-form-urlencoded',
						cookie: person.cookie
					},
					body
				});
			}
			await sleep(THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0]));
		}
		outbox = [];
	}

	const cpuBefore = await serverCpuMs(pid);
	const started = performance.now();
	const until = started + seconds * 1000;
	await Promise.all(people.map((p) => learner(p, until)));
	const wallMs = performance.now() - started;
	const cpuAfter = cpuBefore === null ? null : await serverCpuMs(pid);
	const cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;

	const all = Object.values(byKind)
		.flatMap((k) => k.ms)
		.sort((a, b) => a - b);
	const statusTotal = {};
	for (const k of Object.values(byKind))
		for (const [s, n] of Object.entries(k.status)) statusTotal[s] = (statusTotal[s] ?? 0) + n;
	const count5xx = Object.entries(statusTotal)
		.filter(([s]) => s.startsWith('5'))
		.reduce((sum, [, n]) => sum + n, 0);
	const unexpected = Object.entries(statusTotal)
		.filter(([s]) => !/^(2|3|5)/.test(s))
		.map(([s, n]) => `${s}×${n}`)
		.join(', ');
	const kinds = Object.entries(byKind)
		.map(([kind, k]) => {
			const sorted = [...k.ms].sort((a, b) => a - b);
			return `${kind} ${k.ms.length} (p99 ${Math.round(percentile(sorted, 99))} ms)`;
		})
		.join('; ');
	const rows = [
		figure(SECTION, `${learners} learners, ${seconds} s: requests`, all.length, {
			note: kinds
		}),
		figure(SECTION, 'responses 5xx', count5xx, {
			max: 0,
			note: `statuses ${Object.entries(statusTotal)
				.map(([s, n]) => `${s}×${n}`)
				.join(', ')}${failures ? `; ${failures} failed without an answer (${firstFailure})` : ''}`
		}),
		figure(SECTION, 'p99 latency, every request', percentile(all, 99), {
			unit: 'ms',
			below: 500,
			note: `p50 ${Math.round(percentile(all, 50) ?? 0)} ms, max ${Math.round(all.at(-1) ?? 0)} ms; ${(all.length / seconds).toFixed(0)} requests/s offered by ${learners} learners pausing ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s`
		})
	];
	if (cpuMs !== null && all.length)
		rows.push(
			figure(SECTION, 'server CPU per request', cpuMs / all.length, {
				unit: 'ms',
				note: `the server used ${((100 * cpuMs) / wallMs).toFixed(0)}% of one core on average (${os.availableParallelism()} here)`
			})
		);
	// A request with no answer at all (a refused connection) is as bad as a 5xx.
	if (failures) rows[1].status = 'MISS';
	if (unexpected) rows[1].note += `; unexpected: ${unexpected}`;
	const details = {
		byKind: Object.fromEntries(
			Object.entries(byKind).map(([k, v]) => [
				k,
				{
					count: v.ms.length,
					status: v.status,
					p99: percentile(
						[...v.ms].sort((a, b) => a - b),
						99
					)
				}
			])
		),
		statusTotal,
		failures
	};
	return { rows, details };
}
