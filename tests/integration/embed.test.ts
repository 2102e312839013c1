import { inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { db, ensureDatabase, table } from '$lib/server/db';
import { embedContext, frameAncestors, isUnregisteredSite } from '$lib/server/embed/context';
import { issueEmbedToken, readEmbedToken } from '$lib/server/embed/token';
import { allowList } from '$lib/server/partners/allow-list';
import {
	createPartner,
	deletePartner,
	partnersWithCounts,
	updatePartner
} from '$lib/server/partners/registry';
import { POST } from '../../src/routes/api/sync/+server';

const COURSE = 'manajemen-usaha';
const DESA = 'https://desa-contoh.id';
let partnerId: string;

async function sync(deviceId: string, lesson: string, headers: Record<string, string>) {
	const request = new Request('http://localhost/api/sync', {
		method: 'POST',
		headers,
		body: JSON.stringify({
			deviceId,
			events: [
				{
					id: crypto.randomUUID(),
					kind: 'lesson_completed',
					course: COURSE,
					lesson,
					at: new Date().toISOString()
				}
			]
		})
	});
	const response = await POST({
		request,
		locals: { user: null, session: null },
		url: new URL(request.url)
	} as unknown as Parameters<typeof POST>[0]);
	return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
	await ensureDatabase();
	partnerId = await createPartner({ name: 'Desa Contoh', contact: '', origins: [DESA] });
});

describe('frame-ancestors', () => {
	const embed = (query: string) => new URL(`http://app.test/embed/courses/${COURSE}${query}`);

	it('lets only the registered host origin frame the embed', async () => {
		expect(await frameAncestors(embed(`?partner=${partnerId}&origin=${DESA}`))).toBe(
			`'self' ${DESA}`
		);
		// A page on an unregistered origin, even claiming the partner's id, gets only the
		// "not registered" message (its loads refuse with a 403), which any site may show.
		const evil = embed(`?partner=${partnerId}&origin=https://evil.example`);
		expect(await embedContext(evil)).toBeNull();
		expect(await isUnregisteredSite(evil)).toBe(true);
		expect(await frameAncestors(evil)).toBe('*');
		// A hand-made iframe naming no origin: the partner's origins, as before.
		expect(await frameAncestors(embed(`?partner=${partnerId}`))).toBe(`'self' ${DESA}`);
		expect(await frameAncestors(new URL(`http://app.test/courses/${COURSE}`))).toBe("'none'");
		expect(await frameAncestors(new URL('http://app.test/embedded'))).toBe("'none'");
	});

	it('finds the partner from the registered origin when the id is missing or wrong', async () => {
		for (const query of [`?origin=${DESA}`, `?partner=ab12cd34&origin=${DESA}`]) {
			expect(await embedContext(embed(query))).toEqual({ partnerId, origin: DESA });
			expect(await frameAncestors(embed(query))).toBe(`'self' ${DESA}`);
		}
	});

	it('knows a partner another server process registered a moment ago', async () => {
		await allowList(); // this process has read the list
		const origin = 'https://koperasi-baru.example';
		// Written straight to the database, as another process would: nobody told this one.
		await db
			.insert(table.partner)
			.values({ id: 'baru0001', name: 'Koperasi Baru', origins: [origin], updatedAt: new Date() });
		expect(await embedContext(embed(`?partner=baru0001&origin=${origin}`))).toEqual({
			partnerId: 'baru0001',
			origin
		});
		expect(await frameAncestors(embed(`?origin=${origin}`))).toBe(`'self' ${origin}`);
	});

	it('applies a change of origins at once in this process', async () => {
		await updatePartner(partnerId, {
			name: 'Desa Contoh',
			contact: '',
			origins: [DESA, 'https://www.desa-contoh.id']
		});
		expect(
			await frameAncestors(embed(`?partner=${partnerId}&origin=https://www.desa-contoh.id`))
		).toBe(`'self' https://www.desa-contoh.id`);
		const gone = await createPartner({ name: 'Lama', contact: '', origins: ['https://lama.id'] });
		await deletePartner(gone);
		// Its site is a stranger again: the "not registered" message, nothing of the course.
		expect(await embedContext(embed(`?partner=${gone}&origin=https://lama.id`))).toBeNull();
		expect(await frameAncestors(embed(`?partner=${gone}`))).toBe("'self'");
	});
});

describe('embed session token', () => {
	it('names the partner and origin, and refuses a forged or expired one', () => {
		const token = issueEmbedToken(partnerId, DESA);
		expect(readEmbedToken(token)).toMatchObject({ partnerId, origin: DESA });
		const [body, signature] = token.split('.');
		const forged = Buffer.from(
			JSON.stringify({ partnerId: 'x', origin: DESA, sid: 's', expires: 9e15 })
		).toString('base64url');
		expect(readEmbedToken(`${forged}.${signature}`)).toBeNull();
		expect(readEmbedToken(`${body}.${signature}x`)).toBeNull();
		expect(readEmbedToken(token, Date.now() + 25 * 60 * 60 * 1000)).toBeNull();
		expect(readEmbedToken('not a token')).toBeNull();
	});
});

describe('sync from an embed', () => {
	it('attributes progress to the partner, and a bearer session only counts beside the embed token', async () => {
		const guest = crypto.randomUUID();
		const embed = { 'x-naik-kelas-embed': issueEmbedToken(partnerId, DESA) };
		expect((await sync(guest, 'pisahkan-uang-usaha', embed)).status).toBe(200);

		const r = await registerUser({
			name: 'Warsini',
			contact: '0812 7777 0001',
			password: 'kerupuk tayamum 7',
			confirm: 'kerupuk tayamum 7'
		});
		const user = r.user!;
		const bearer = generateSessionToken();
		await createSession(bearer, user.id);
		const device = crypto.randomUUID();

		// Without the embed token the bearer is ignored: the event stays a guest's.
		const plain = crypto.randomUUID();
		await sync(plain, 'pembukuan-harian', { authorization: `Bearer ${bearer}` });
		// With it, the event is the account's at once.
		await sync(device, 'menghitung-hpp', { ...embed, authorization: `Bearer ${bearer}` });
		// A forged embed token gives no partner credit.
		await sync(device, 'menentukan-harga-jual', { 'x-naik-kelas-embed': 'forged.token' });

		const rows = await db
			.select()
			.from(table.progressEvent)
			.where(inArray(table.progressEvent.deviceId, [device, plain]));
		const byLesson = Object.fromEntries(rows.map((e) => [e.lesson, e]));
		expect(byLesson['pembukuan-harian']).toMatchObject({ userId: null, partnerId: null });
		expect(byLesson['menghitung-hpp']).toMatchObject({ userId: user.id, partnerId });
		expect(byLesson['menentukan-harga-jual']).toMatchObject({ userId: null, partnerId: null });

		const [desa] = (await partnersWithCounts()).filter((p) => p.id === partnerId);
		expect(desa).toMatchObject({ learners: 2, completions: 2 });

		// A learner who did a lesson again (a frame that forgot it) is not counted twice.
		expect((await sync(guest, 'pisahkan-uang-usaha', embed)).status).toBe(200);
		const [again] = (await partnersWithCounts()).filter((p) => p.id === partnerId);
		expect(again).toMatchObject({ learners: 2, completions: 2 });
	});
});
