// 5. Trainer progress grid: server time for a cohort of 1,000 participants across every lesson
// and quiz of the catalogue (the cohort covers all courses): the page as the trainer opens it,
// and the JSON the page polls every 5 s.
import { createClient } from '@libsql/client';
import { randomUUID } from 'node:crypto';
import { figure, unavailable } from './lib/report.js';
import { allLessons } from './lib/seed.js';

const SECTION = 'Trainer progress grid';
/** Where the grid is expected; `{cohort}` is the cohort id. Override with BENCH_GRID_PATH. */
export const GRID_PATH = process.env.BENCH_GRID_PATH || '/trainer/cohorts/{cohort}/progress';
const PARTICIPANTS = 1000;
const LESSONS = 30;

async function timeGet(url, cookie) {
	const started = performance.now();
	const res = await fetch(url, { headers: { accept: 'text/html', cookie }, redirect: 'manual' });
	await res.arrayBuffer();
	return { status: res.status, ms: performance.now() - started };
}

/** Inserts the cohort's participants, their lesson progress and quiz attempts into the database. */
async function seedCohort(db, cohortId, lessons) {
	const now = Date.now();
	const statements = [];
	for (let i = 0; i < PARTICIPANTS; i++) {
		const userId = randomUUID();
		statements.push(
			{
				sql: 'insert into user (id, name, phone, password_hash, role) values (?, ?, ?, ?, ?)',
				args: [
					userId,
					`Peserta Grid ${i + 1}`,
					`+62858${String(1e7 + i).slice(-8)}`,
					'not-a-hash',
					'learner'
				]
			},
			{
				sql: 'insert into cohort_member (cohort_id, user_id) values (?, ?)',
				args: [cohortId, userId]
			}
		);
		// Participants get further the lower their number: a realistic spread of done lessons.
		const done = Math.round((lessons.length * (PARTICIPANTS - i)) / PARTICIPANTS);
		for (const l of lessons.slice(0, done))
			statements.push({
				sql: 'insert into lesson_progress (user_id, course, lesson, completed_at) values (?, ?, ?, ?)',
				args: [userId, l.course, l.lesson, now - i * 1000]
			});
		// Those who finished a course's lessons took its quiz; every other one passed.
		const finished = new Set(lessons.slice(0, done).map((l) => l.course));
		for (const course of finished)
			if (lessons.filter((l) => l.course === course).length <= done)
				statements.push({
					sql: 'insert into quiz_attempt (id, user_id, course, score, pass_mark, passed, question_count, submitted_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
					args: [randomUUID(), userId, course, i % 2 ? 60 : 90, 70, i % 2 ? 0 : 1, 10, now]
				});
	}
	for (let i = 0; i < statements.length; i += 5000)
		await db.batch(statements.slice(i, i + 5000), 'write');
}

/**
 * @param {string} base
 * @param {{ repo: string, dbUrl: string, admin: { contact: string, cookie: string } }} opts
 */
export async function measureTrainerGrid(base, { repo, dbUrl, admin }) {
	const db = createClient({ url: dbUrl });
	try {
		const trainer = await db.execute({
			sql: 'select id from user where email = ?',
			args: [admin.contact]
		});
		const cohortId = randomUUID();
		const lessons = (await allLessons(repo)).slice(0, LESSONS);
		const courses = [...new Set(lessons.map((l) => l.course))];
		await db.execute({
			sql: 'insert into cohort (id, name, trainer_id, join_code, courses, session_dates) values (?, ?, ?, ?, ?, ?)',
			args: [
				cohortId,
				'Bimtek Bench 1000',
				trainer.rows[0].id,
				`BENCH${Date.now().toString(36).toUpperCase()}`,
				JSON.stringify(courses),
				JSON.stringify(['2026-12-03'])
			]
		});
		const url = new URL(GRID_PATH.replace('{cohort}', cohortId), base).href;
		const probe = await timeGet(url, admin.cookie);
		if (probe.status === 404)
			return {
				rows: [
					unavailable(
						SECTION,
						`${PARTICIPANTS} participants × ${LESSONS} lessons`,
						`not built yet (${GRID_PATH} answered 404)`
					)
				],
				details: { available: false }
			};
		if (probe.status !== 200) throw new Error(`${GRID_PATH} answered ${probe.status}`);

		await seedCohort(db, cohortId, lessons);
		const columns = lessons.length + courses.length;
		const short =
			lessons.length < LESSONS
				? `; the catalogue has only ${lessons.length} lessons (+ ${courses.length} quizzes)`
				: '';
		const measure = async (target, name) => {
			for (let i = 0; i < 2; i++) await timeGet(target, admin.cookie);
			const times = [];
			for (let i = 0; i < 10; i++) {
				const r = await timeGet(target, admin.cookie);
				if (r.status !== 200) throw new Error(`${target} answered ${r.status}`);
				times.push(r.ms);
			}
			times.sort((a, b) => a - b);
			const median = (times[4] + times[5]) / 2;
			return {
				times,
				row: figure(
					SECTION,
					`${PARTICIPANTS} participants × ${columns} columns, ${name}: median`,
					median,
					{
						unit: 'ms',
						below: 150,
						note: `10 requests after 2 warm-ups, slowest ${Math.round(times[9])} ms${short}`
					}
				)
			};
		};
		const page = await measure(url, 'page (HTML)');
		const poll = await measure(`${url}.json`, 'poll (JSON)');
		return {
			rows: [page.row, poll.row],
			details: {
				available: true,
				page: page.times,
				poll: poll.times,
				lessons: lessons.length,
				columns
			}
		};
	} finally {
		db.close();
	}
}
