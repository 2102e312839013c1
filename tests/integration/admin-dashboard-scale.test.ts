import { describe, expect, it } from 'vitest';
import { KECAMATAN } from '$lib/bojonegoro';
import { dashboardNumbers } from '$lib/server/admin/dashboard';
import { NO_FILTER, type DashboardFilter } from '$lib/server/admin/scope';
import { listUsers } from '$lib/server/admin/users';
import { client, ensureDatabase } from '$lib/server/db';

/**
 * A measurement, not a test of speed (no timed tests): the dashboard's queries on 5,000
 * learners with 100,000 lessons done and 300,000 events. Seeding takes about a minute, so it
 * runs only when asked: `ADMIN_SCALE=1 npx vitest run tests/integration/admin-dashboard-scale.test.ts`.
 */
describe.skipIf(!process.env.ADMIN_SCALE)('the admin dashboard at scale', () => {
	const N = 5000;
	const now = Date.now();
	const DAY = 24 * 60 * 60 * 1000;
	const COURSES = ['manajemen-usaha', 'pemasaran-digital', 'kemasan-merek', 'legalitas-naik-kelas'];

	async function seed() {
		const badge = (id: string, kind: string, what: string, holder: string, i: number) => ({
			sql: `insert into badge (id, kind, achievement, holder_key, user_id, name, holder_name, awarded_at, credential)
				values (?, ?, ?, ?, ?, 'x', 'x', ?, '{}')`,
			args: [id, kind, what, holder, `u${i}`, now - (i % 300) * DAY]
		});
		let batch: { sql: string; args: (string | number)[] }[] = [];
		for (let i = 0; i < N; i++) {
			batch.push({
				sql: 'insert into user (id, name, password_hash, role, created_at) values (?, ?, ?, ?, ?)',
				args: [`u${i}`, `Peserta ${i}`, 'x', 'learner', now - i * 1000]
			});
			batch.push({
				sql: 'insert into business (id, owner_id, name, kecamatan, updated_at) values (?, ?, ?, ?, ?)',
				args: [`b${i}`, `u${i}`, `Usaha ${i}`, KECAMATAN[i % KECAMATAN.length], now]
			});
			if (i % 3 === 0) batch.push(badge(`t${i}`, 'tier', 'rintisan', `business:b${i}`, i));
			if (i % 9 === 0) batch.push(badge(`s${i}`, 'tier', 'siap-komersial', `business:b${i}`, i));
			if (i % 2 === 0) batch.push(badge(`c${i}`, 'course', COURSES[0], `user:u${i}`, i));
			for (let l = 0; l < 20; l++)
				batch.push({
					sql: 'insert into lesson_progress (user_id, course, lesson, completed_at) values (?, ?, ?, ?)',
					args: [`u${i}`, COURSES[l % 4], `l${l}`, now - ((i + l) % 90) * DAY]
				});
			for (let e = 0; e < 60; e++)
				batch.push({
					sql: `insert into progress_event (id, device_id, user_id, kind, course, lesson, occurred_at, received_at)
						values (?, 'd', ?, 'lesson_opened', ?, 'x', ?, ?)`,
					args: [`e${i}-${e}`, `u${i}`, COURSES[0], now - ((i * 7 + e) % 120) * DAY, now]
				});
			if (batch.length > 5000) {
				await client.batch(batch, 'write');
				batch = [];
			}
		}
		await client.batch(batch, 'write');
		await client.execute('analyze');
	}

	async function timed<T>(label: string, fn: () => Promise<T>) {
		const start = performance.now();
		const result = await fn();
		console.log(`${label}: ${(performance.now() - start).toFixed(1)} ms`);
		return result;
	}

	it('answers from aggregate queries, whole and filtered', async () => {
		await ensureDatabase();
		await seed();
		const kapas: DashboardFilter = { kecamatan: 'Kapas', cohortId: null };
		for (let run = 1; run <= 3; run++) {
			const all = await timed(`whole dashboard, run ${run}`, () => dashboardNumbers(NO_FILTER));
			expect(all.tiers.total).toBe(N);
			expect(all.active.learners).toBe(N);
			const one = await timed(`one kecamatan, run ${run}`, () => dashboardNumbers(kapas));
			expect(one.tiers.kecamatan.map((k) => k.name)).toEqual(['Kapas']);
		}
		await timed('user search', () => listUsers({ q: '0812' }));
	}, 600_000);
});
