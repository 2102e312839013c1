import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerUser } from '$lib/server/auth/accounts';
import type { SessionUser } from '$lib/server/auth/session';
import { createCohort } from '$lib/server/cohorts';
import { ensureDatabase } from '$lib/server/db';
import { handleHost, hostRefusal, publicAddress } from '$lib/server/host';
import { publicBaseUrl } from '$lib/server/public-url';
import { oembed } from '$lib/server/embed/oembed';
import { load as cohortPage } from '../../src/routes/trainer/cohorts/[id]/+page.server';
import { load as trainerHome } from '../../src/routes/trainer/+page.server';

// Issue 16 item 5 (Host trusted without ORIGIN) and issue 18 item 5 (QR codes saying localhost).
// The laptop: loopback, and 192.168.1.10 on the hall's Wi-Fi.
const LAN = '192.168.1.10';
const iface = (address: string, family: 'IPv4' | 'IPv6', internal: boolean) =>
	({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;
const machine = vi.hoisted(() => ({ interfaces: {} as Record<string, NetworkInterfaceInfo[]> }));
vi.mock('node:os', async (original) => {
	const actual = await original<typeof import('node:os')>();
	return {
		...actual,
		networkInterfaces: () => machine.interfaces,
		hostname: () => 'laptop-pkk'
	};
});
const WITH_WIFI = {
	lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
	wlan0: [iface(LAN, 'IPv4', false), iface('fe80::1%wlan0', 'IPv6', false)]
};
machine.interfaces = WITH_WIFI;

const env = { ORIGIN: process.env.ORIGIN, HOST: process.env.HOST };
afterEach(() => {
	for (const [k, v] of Object.entries(env))
		if (v === undefined) delete process.env[k];
		else process.env[k] = v;
	machine.interfaces = WITH_WIFI;
});

describe('the Host a request may name without ORIGIN', () => {
	it.each([
		'localhost',
		'localhost:3000',
		'LOCALHOST:3000',
		'127.0.0.1:3000',
		'127.0.1.1',
		'[::1]:3000',
		`${LAN}:3000`,
		'laptop-pkk:3000',
		'laptop-pkk.local:3000'
	])('accepts this machine: %s', (host) => {
		delete process.env.ORIGIN;
		expect(hostRefusal(host)).toBeNull();
	});

	it.each([
		'evil.example',
		'evil.example:3000',
		'localhost.evil.example',
		'127.0.0.1.nip.io',
		'192.168.1.11:3000',
		'a@localhost',
		'localhost/x',
		'',
		undefined
	])('refuses anything else, with a reason: %s', (host) => {
		delete process.env.ORIGIN;
		expect(hostRefusal(host)).toMatch(/bukan alamat server Naik Kelas/);
	});

	it('with ORIGIN set the Host is not used, so nothing is refused', () => {
		process.env.ORIGIN = 'https://belajar.pkk-bojonegoro.id';
		expect(hostRefusal('evil.example')).toBeNull();
	});

	it('the app answers a rebinding page 400 before any page runs', async () => {
		delete process.env.ORIGIN;
		const resolve = vi.fn(async () => new Response('page'));
		const url = new URL('http://evil.example:3000/setup');
		const response = await handleHost({
			event: { url, request: new Request(url), locals: {} } as never,
			resolve
		});
		expect(response.status).toBe(400);
		expect(await response.text()).toMatch(/bukan alamat server/);
		expect(resolve).not.toHaveBeenCalled();
	});
});

describe('the public address in links, QR codes and credentials', () => {
	it('is ORIGIN when set, whatever the request said', () => {
		process.env.ORIGIN = 'https://belajar.pkk-bojonegoro.id/';
		expect(publicBaseUrl(new URL('http://evil.example/verify/x'))).toBe(
			'https://belajar.pkk-bojonegoro.id'
		);
	});

	it('opened at localhost on the laptop: the laptop’s Wi-Fi address, which phones can open', () => {
		delete process.env.ORIGIN;
		delete process.env.HOST;
		expect(publicAddress(new URL('http://localhost:3000/trainer'))).toEqual({
			base: `http://${LAN}:3000`,
			localOnly: false
		});
		expect(publicAddress(new URL(`http://${LAN}:3000/trainer`)).base).toBe(`http://${LAN}:3000`);
	});

	it('never carries a host this machine does not have', () => {
		delete process.env.ORIGIN;
		for (const host of ['evil.example:3000', 'localhost.evil.example:3000'])
			expect(publicBaseUrl(new URL(`http://${host}/`))).toBe(`http://${LAN}:3000`);
		// oEmbed answers only for our own address, never for the name a request brought.
		expect(
			oembed(
				new URLSearchParams({ url: 'http://evil.example:3000/courses/manajemen-usaha' }),
				publicBaseUrl(new URL('http://evil.example:3000/oembed'))
			)
		).toMatchObject({ status: 404 });
	});

	it('says only localhost is known when there is no network, or the server listens on loopback only', () => {
		delete process.env.ORIGIN;
		machine.interfaces = { lo: WITH_WIFI.lo };
		expect(publicAddress(new URL('http://localhost:3000/'))).toEqual({
			base: 'http://localhost:3000',
			localOnly: true
		});
		machine.interfaces = WITH_WIFI;
		process.env.HOST = '127.0.0.1';
		expect(publicAddress(new URL('http://localhost:3000/')).localOnly).toBe(true);
	});
});

describe('the trainer’s pages opened on the laptop at localhost', () => {
	let trainer: SessionUser;
	let cohortId = '';
	beforeAll(async () => {
		await ensureDatabase();
		const r = await registerUser(
			{
				name: 'Bu Tutik',
				contact: '0812 9100 0001',
				password: 'sandi yang cukup kuat',
				confirm: 'sandi yang cukup kuat'
			},
			'trainer'
		);
		trainer = { id: r.user!.id, name: 'Bu Tutik', role: 'trainer' };
		cohortId = (await createCohort(trainer.id, 'Bimtek Dander')).id;
	});

	const event = (path: string) =>
		({
			locals: { user: trainer, session: null },
			params: { id: cohortId },
			url: new URL(`http://localhost:3000${path}`),
			request: new Request(`http://localhost:3000${path}`)
		}) as never;

	it('the join QR code and login cards point at the Wi-Fi address', async () => {
		delete process.env.ORIGIN;
		delete process.env.HOST;
		const page = (await cohortPage(event(`/trainer/cohorts/${cohortId}`))) as {
			joinUrl: string;
			loginUrl: string;
			qrSvg: string;
			address: { localOnly: boolean };
		};
		expect(page.joinUrl).toMatch(new RegExp(`^http://${LAN}:3000/join/[A-Z0-9]{6}$`));
		expect(page.loginUrl).toBe(`http://${LAN}:3000/login`);
		expect(page.address.localOnly).toBe(false);
	});

	it('warns the trainer when only localhost is known', async () => {
		delete process.env.ORIGIN;
		machine.interfaces = { lo: WITH_WIFI.lo };
		const home = (await trainerHome(event('/trainer'))) as {
			address: { base: string; localOnly: boolean };
		};
		expect(home.address).toEqual({ base: 'http://localhost:3000', localOnly: true });
	});
});
