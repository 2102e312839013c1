import { createClient, type Client } from '@libsql/client';
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { PNG } from 'pngjs';
import { MATRIX, VISITORS, type Row } from './access-matrix';
import { ADMIN, BASE, quiz } from './helpers';

// The authorization matrix (tests/e2e/access-matrix.ts) against the production server: every
// route, as six different visitors, over plain HTTP as a browser without JavaScript sends it.

type Visitor = (typeof VISITORS)[number];
const COURSE = 'manajemen-usaha';
const LESSONS = [
	'pisahkan-uang-usaha',
	'pembukuan-harian',
	'menghitung-hpp',
	'menentukan-harga-jual',
	'stok-arus-kas-dan-kur'
];
const PASSWORD = 'ledre pisang raja';
const run = String(Date.now()).slice(-7);

let db: Client;
const as = {} as Record<Visitor, APIRequestContext>;
const ids: Record<string, string> = {};

const newContext = () =>
	request.newContext({ baseURL: BASE, maxRedirects: 0, extraHTTPHeaders: { origin: BASE } });

/** Sends a form action's fields; a redirect's Location comes back for cohort ids. */
const post = (
	ctx: APIRequestContext,
	path: string,
	form: Record<string, string> | URLSearchParams
) =>
	ctx.post(path, {
		data: new URLSearchParams(form).toString(),
		headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }
	});

async function signUp(name: string, phoneTail: string) {
	const ctx = await newContext();
	const response = await post(ctx, '/register', {
		name,
		contact: `0857${run}${phoneTail}`,
		password: PASSWORD,
		confirm: PASSWORD
	});
	expect(response.status(), `registering ${name}`).toBe(303);
	const [row] = (await db.execute({ sql: 'select id from user where name = ?', args: [name] }))
		.rows;
	return { ctx, id: String(row.id) };
}

/** A complete quiz submission, every question answered right or wrong, as the page posts it. */
function answers(right: boolean) {
	const form = new URLSearchParams();
	for (const q of quiz.questions) {
		const name = `q.${q.id}`;
		if (q.kind === 'numeric')
			form.append(name, (Number(q.answer) + (right ? 0 : 99999)).toLocaleString('id-ID'));
		else if (q.kind === 'truefalse') form.append(name, String(right ? q.answer : !q.answer));
		else {
			const key = Array.isArray(q.answer) ? (q.answer as string[]) : [String(q.answer)];
			const pick = right ? key : [q.options!.find((o) => !key.includes(o.id))!.id];
			for (const id of pick) form.append(name, id);
		}
	}
	return form;
}

function tinyPng() {
	const png = new PNG({ width: 2, height: 2 });
	png.data.fill(200);
	return PNG.sync.write(png);
}

test.beforeAll(async () => {
	test.setTimeout(120_000);
	db = createClient({ url: 'file:.e2e/e2e.db' });
	as.anon = await newContext();
	as.admin = await newContext();
	expect(
		(await post(as.admin, '/login', { contact: ADMIN.contact, password: ADMIN.password })).status()
	).toBe(303);

	const sri = await signUp(`Sri Matriks ${run}`, '1');
	const budi = await signUp(`Budi Matriks ${run}`, '2');
	const tutik = await signUp(`Tutik Pelatih ${run}`, '3');
	const hadi = await signUp(`Hadi Pelatih ${run}`, '4');
	Object.assign(as, { owner: sri.ctx, other: budi.ctx, trainer: tutik.ctx, stranger: hadi.ctx });
	ids.userId = sri.id;
	ids.otherId = budi.id;
	ids.date = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10); // today in WIB
	ids.base = BASE;
	await db.execute({
		sql: "update user set role = 'trainer' where id in (?, ?)",
		args: [tutik.id, hadi.id]
	});

	// Tutik's cohort, which Sri joins; Hadi has one of his own without her. One session, today.
	const cohortOf = async (ctx: APIRequestContext, name: string) => {
		const r = await post(ctx, '/trainer?/create', {
			name,
			kecamatan: 'Padangan',
			date: ids.date,
			course: COURSE
		});
		expect(r.status(), `creating cohort ${name}`).toBe(303);
		const id = r.headers().location.split('/').pop()!;
		const [row] = (
			await db.execute({ sql: 'select join_code from cohort where id = ?', args: [id] })
		).rows;
		return { id, code: String(row.join_code) };
	};
	const tutiks = await cohortOf(tutik.ctx, `Bimtek Padangan ${run}`);
	ids.hadisCohort = (await cohortOf(hadi.ctx, `Bimtek Kasiman ${run}`)).id;
	ids.cohort = tutiks.id;
	expect((await post(sri.ctx, `/join/${tutiks.code}?/join`, {})).status()).toBe(200);
	ids.joinCode = (await cohortOf(as.admin, `Kelas terbuka ${run}`)).code;

	// Sri's business, an evidence photo, a course badge and a tier review waiting.
	expect(
		(
			await post(sri.ctx, '/account?/business', {
				name: 'Ledre Bu Sri',
				kecamatan: 'Padangan',
				products: 'ledre'
			})
		).status()
	).toBe(200);
	const upload = await sri.ctx.post('/account?/evidence', {
		multipart: {
			tier: 'rintisan',
			item: 'buku-kas',
			file: { name: 'buku-kas.png', mimeType: 'image/png', buffer: tinyPng() }
		},
		headers: { accept: 'text/html' }
	});
	expect(upload.status(), 'uploading evidence').toBe(200);
	for (const lesson of LESSONS)
		expect((await post(sri.ctx, `/courses/${COURSE}/${lesson}?/complete`, {})).status()).toBe(200);
	expect((await post(sri.ctx, `/courses/${COURSE}/quiz`, answers(true))).status()).toBe(200);
	const [business] = (
		await db.execute({ sql: 'select id from business where owner_id = ?', args: [sri.id] })
	).rows;
	const [badge] = (
		await db.execute({ sql: 'select id from badge where user_id = ?', args: [sri.id] })
	).rows;
	expect(badge, 'Sri earned the course badge').toBeTruthy();
	ids.business = String(business.id);
	ids.badge = String(badge.id);
	ids.review = crypto.randomUUID();
	await db.execute({
		sql: "insert into tier_review (id, business_id, tier, status, submitted_at) values (?, ?, 'rintisan', 'submitted', ?)",
		args: [ids.review, ids.business, Date.now()]
	});
	Object.assign(ids, { course: COURSE, lesson: LESSONS[0], tier: 'rintisan', item: 'buku-kas' });
	ids.deviceId = crypto.randomUUID();

	// Two embedding partners, each with its own site.
	const partner = async (name: string, origin: string) => {
		const r = await post(as.admin, '/admin/partners?/create', { name, origins: origin });
		expect(r.status(), `registering partner ${name}`).toBe(303);
		return r.headers().location.split('/').pop()!;
	};
	ids.partner = await partner(`Desa Uji Akses ${run}`, 'https://desa-contoh.id');
	ids.otherPartner = await partner(`Koperasi Lain ${run}`, 'https://koperasi-lain.id');
});

test.afterAll(async () => {
	for (const ctx of Object.values(as)) await ctx?.dispose();
	db?.close();
});

const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, k: string) => ids[k] ?? `{${k}}`);

async function send(ctx: APIRequestContext, row: Row) {
	const path = fill(row.path);
	if (row.json !== undefined)
		return ctx.post(path, {
			data: JSON.parse(fill(JSON.stringify(row.json))),
			headers: { 'content-type': 'application/json' }
		});
	if (row.form) {
		const form =
			row.form.quiz === 'wrong'
				? answers(false)
				: Object.fromEntries(Object.entries(row.form).map(([k, v]) => [k, fill(v)]));
		return post(ctx, path, form);
	}
	const accept = row.key.startsWith('PAGE ')
		? 'text/html'
		: row.key.startsWith('GET /verify/')
			? 'application/json'
			: '*/*';
	return ctx.get(path, { headers: { accept } });
}

test("changing an id in a URL or a form never reaches another person's data", async () => {
	const one = async (sql: string, ...args: string[]) => (await db.execute({ sql, args })).rows[0];
	// Budi saves "his" business with Sri's ids slipped into the form: his own profile changes.
	await post(as.other, '/account?/business', {
		name: 'Usaha Budi',
		kecamatan: 'Kasiman',
		id: ids.business,
		businessId: ids.business,
		ownerId: ids.userId
	});
	expect((await one('select name from business where id = ?', ids.business)).name).toBe(
		'Ledre Bu Sri'
	);
	// Hadi endorses a review of a learner who is not his; Budi revokes Sri's badge.
	const endorse = await post(as.stranger, `/trainer/reviews/${ids.review}?/decide`, {
		decision: 'endorsed',
		note: 'ok'
	});
	expect(endorse.status()).toBe(404);
	expect((await one('select status from tier_review where id = ?', ids.review)).status).toBe(
		'submitted'
	);
	// Hadi keeps or revokes, as "in question", a badge he did not endorse: not found, unchanged.
	for (const action of ['keep', 'revoke']) {
		const r = await post(as.stranger, `/trainer/reviews/recheck?/${action}`, {
			badge: ids.badge,
			note: 'iseng'
		});
		expect(r.status(), action).toBe(404);
	}
	const revoke = await post(as.other, `/verify/${ids.badge}?/revoke`, { reason: 'iseng' });
	expect(revoke.status()).toBe(403);
	expect((await one('select revoked_at from badge where id = ?', ids.badge)).revoked_at).toBe(null);
	// Budi makes himself admin, and makes Sri a trainer: both refused.
	for (const userId of [ids.userId, ids.otherId]) {
		const r = await post(as.other, '/admin/users?/role', { userId, role: 'admin' });
		expect(r.status()).toBe(403);
	}
	expect((await one('select role from user where id = ?', ids.userId)).role).toBe('learner');
	// Sri's evidence photo, asked for under Budi's business id or with a guessed file name.
	expect((await as.other.get(`/evidence/${ids.business}/rintisan/buku-kas`)).status()).toBe(404);

	// Hadi puts Tutik's cohort id into his grid, exports and attendance: not found, and his own
	// cohort's grid and export never show Sri.
	const tutiks = `/trainer/cohorts/${ids.cohort}`;
	const hadis = `/trainer/cohorts/${ids.hadisCohort}`;
	for (const path of ['/progress.json', '/export/progress.csv', '/export/attendance.csv']) {
		expect((await as.stranger.get(tutiks + path)).status(), path).toBe(404);
		const own = await as.stranger.get(hadis + path);
		expect(own.status(), path).toBe(200);
		expect(await own.text(), path).not.toContain('Sri Matriks');
	}
	// ...and marks Sri present at Tutik's session, and at his own where she is no participant.
	for (const cohort of [tutiks, hadis])
		await post(as.stranger, `${cohort}/attendance?/save`, { date: ids.date, present: ids.userId });
	expect((await one('select count(*) as n from attendance where user_id = ?', ids.userId)).n).toBe(
		0
	);
	// Tutik opens Hadi's cohort the same way.
	expect((await as.trainer.get(`${hadis}/progress.json`)).status()).toBe(404);

	// Hadi resets Sri's password to a one-time code, through Tutik's cohort or his own; Tutik
	// resets Budi, who is not in her cohort. Nobody's password changes.
	const hashes = async () =>
		(
			await db.execute({
				sql: 'select password_hash, must_change_password from user where id in (?, ?) order by id',
				args: [ids.userId, ids.otherId]
			})
		).rows.map((r) => `${r.password_hash}:${r.must_change_password}`);
	const before = await hashes();
	expect((await post(as.stranger, `${tutiks}?/reset`, { member: ids.userId })).status()).toBe(404);
	expect((await post(as.stranger, `${hadis}?/reset`, { member: ids.userId })).status()).toBe(404);
	expect((await post(as.trainer, `${tutiks}?/reset`, { member: ids.otherId })).status()).toBe(404);
	// Account takeover through a cohort: the admin cannot join Tutik's cohort; and if she sits in
	// it anyway (joined before this was refused, or promoted since), Tutik can neither reset her
	// password nor revoke her badge.
	const [tutiksCode] = (
		await db.execute({ sql: 'select join_code from cohort where id = ?', args: [ids.cohort] })
	).rows;
	const joinAsAdmin = await post(as.admin, `/join/${tutiksCode.join_code}?/join`, {});
	expect(joinAsAdmin.status()).toBe(403);
	expect(await joinAsAdmin.text()).toContain('tidak bisa bergabung ke kelas sebagai peserta');
	const adminId = String(
		(await one("select id from user where role = 'admin' order by created_at limit 1")).id
	);
	await db.execute({
		sql: 'insert or ignore into cohort_member (cohort_id, user_id) values (?, ?)',
		args: [ids.cohort, adminId]
	});
	const adminHash = (await one('select password_hash from user where id = ?', adminId))
		.password_hash;
	expect((await post(as.trainer, `${tutiks}?/reset`, { member: adminId })).status()).toBe(404);
	expect((await one('select password_hash from user where id = ?', adminId)).password_hash).toBe(
		adminHash
	);
	await db.execute({ sql: 'delete from cohort_member where user_id = ?', args: [adminId] });

	// Budi, signed in, sets a new password without knowing his current one: sent to his account
	// page instead (a phone left signed in must not give the account away).
	const takeover = await post(as.other, '/account/password', {
		password: 'sandi pengambil alih',
		confirm: 'sandi pengambil alih'
	});
	expect(takeover.status()).toBe(303);
	expect(takeover.headers().location).toBe('/account');
	expect(await hashes()).toEqual(before);

	// An embed that names one partner with another partner's site: the frame is that site's own
	// partner's (resolved from its registered origin), never the named one's.
	const framed = await as.anon.get(
		`/embed/courses/${COURSE}?partner=${ids.partner}&origin=https://koperasi-lain.id`,
		{ headers: { accept: 'text/html' } }
	);
	expect(framed.status()).toBe(200);
	const policy = framed.headers()['content-security-policy'] ?? '';
	expect(policy).toContain('https://koperasi-lain.id');
	expect(policy).not.toContain('desa-contoh.id');
	// A learner edits or deletes a partner: refused, the partner is as it was.
	for (const action of ['save', 'delete'])
		expect(
			(
				await post(as.other, `/admin/partners/${ids.otherPartner}?/${action}`, {
					name: 'Diambil alih',
					origins: 'https://evil.example'
				})
			).status()
		).toBe(403);
	expect((await one('select name from partner where id = ?', ids.otherPartner)).name).toBe(
		`Koperasi Lain ${run}`
	);
});

test('a form posted from another site is refused (CSRF)', async () => {
	const r = await as.owner.post('/account?/business', {
		data: 'name=Diganti&kecamatan=Padangan',
		headers: {
			origin: 'https://evil.example',
			'content-type': 'application/x-www-form-urlencoded'
		}
	});
	expect(r.status()).toBe(403);
	const [row] = (
		await db.execute({ sql: 'select name from business where id = ?', args: [ids.business] })
	).rows;
	expect(row.name).toBe('Ledre Bu Sri');
});

test('each visitor gets exactly the status the matrix expects', async () => {
	test.setTimeout(120_000);
	const rows = [...MATRIX.filter((r) => !r.last), ...MATRIX.filter((r) => r.last)];
	const wrong: string[] = [];
	for (const row of rows)
		for (const [i, visitor] of VISITORS.entries()) {
			const status = (await send(as[visitor], row)).status();
			if (status !== row.expect[i])
				wrong.push(`${row.key} as ${visitor}: got ${status}, matrix says ${row.expect[i]}`);
		}
	expect(wrong, wrong.join('\n')).toEqual([]);
});
