import type { Handle } from '@sveltejs/kit';
import { hostname, networkInterfaces } from 'node:os';
import { openHostLane } from './host-lane.js';

/**
 * Which `Host` a request may name when ORIGIN is not set (the default `npm start`), and the
 * public address links and QR codes carry.
 *
 * Without ORIGIN SvelteKit builds every URL from the Host header. A page at evil.example whose
 * name resolves to 127.0.0.1 (DNS rebinding) makes the browser on the server laptop send
 * `Host: evil.example` from a loopback address: it could have created the first admin without
 * the setup code, and its name would have gone into signed credentials and oEmbed answers. So
 * only loopback names and this machine's own addresses (and its own name) are accepted as
 * hosts; anything else is refused with 400 before any page or file is served.
 */

/** `localhost`, `*.localhost`, 127.0.0.0/8 and [::1]: names that can only mean this machine. */
export function isLoopbackName(host: string) {
	const name = host.toLowerCase();
	return (
		name === 'localhost' ||
		name.endsWith('.localhost') ||
		name === '[::1]' ||
		/^127(?:\.\d{1,3}){3}$/.test(name)
	);
}

let own: { names: Set<string>; at: number } | null = null;

/** This machine's addresses and name; read again (at most every 5 s) when a host is not among them. */
function ownNames(refresh: boolean) {
	const now = Date.now();
	if (own && !(refresh && now - own.at > 5000)) return own.names;
	const names = new Set<string>();
	for (const list of Object.values(networkInterfaces()))
		for (const a of list ?? []) {
			if (a.family === 'IPv4') names.add(a.address);
			// A link-local address needs a zone (%eth0), which no Host header can carry.
			else if (!a.address.includes('%')) names.add(`[${a.address.toLowerCase()}]`);
		}
	const name = hostname().toLowerCase();
	if (name) names.add(name).add(`${name}.local`);
	own = { names, at: now };
	return names;
}

/** The host name of a Host header (`laptop:3000`, `[::1]:3000`), or null when it is malformed. */
function nameOf(hostHeader: string) {
	// A Host header is a name or address and a port, nothing more.
	if (!/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(hostHeader)) return null;
	try {
		return new URL(`http://${hostHeader}`).hostname;
	} catch {
		return null;
	}
}

/** Whether `hostHeader` names this machine: a loopback name or one of its own addresses. */
export function isOwnHost(hostHeader: string | null | undefined) {
	const name = hostHeader ? nameOf(hostHeader) : null;
	if (!name) return false;
	return isLoopbackName(name) || ownNames(false).has(name) || ownNames(true).has(name);
}

/** Why a request's Host is refused (a plain-text reason for the 400), or null when it is fine. */
export function hostRefusal(hostHeader: string | null | undefined): string | null {
	// With ORIGIN set, SvelteKit takes every URL from it and the Host header is not used.
	if (process.env.ORIGIN || isOwnHost(hostHeader)) return null;
	return (
		'Alamat (Host) permintaan ini bukan alamat server Naik Kelas. Buka aplikasi lewat ' +
		'http://localhost atau alamat IP komputer server, atau atur ORIGIN.\n' +
		'The request names a host that is not this server. Open the app through localhost or ' +
		"this computer's own address, or set ORIGIN.\n"
	);
}

/**
 * The first hook: without ORIGIN every URL SvelteKit makes comes from the Host header, so a
 * request naming another host is answered 400 before any page runs. server.js checks the same
 * before static files and the page cache's fast lane; this covers the rest (and `npm run dev`).
 */
export const handleHost: Handle = ({ event, resolve }) => {
	const refusal = hostRefusal(event.url.host);
	if (!refusal) return resolve(event);
	return new Response(refusal, {
		status: 400,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
};

/** Called from the server's init hook, so that server.js checks hosts before static files and the fast lane. */
export function openHostCheck() {
	openHostLane(hostRefusal);
}

/** The server listens on loopback only (HOST=127.0.0.1): no other device can reach it. */
const loopbackOnly = () => !!process.env.HOST && isLoopbackName(nameOf(process.env.HOST) ?? '');

/** The laptop's address on the hall's Wi-Fi: its first IPv4 address that is not loopback. */
export function lanAddress() {
	for (const list of Object.values(networkInterfaces()))
		for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
	return null;
}

export type PublicAddress = {
	/** `https://belajar.pkk-bojonegoro.id` or `http://192.168.1.10:3000`, without a trailing slash. */
	base: string;
	/** Only this computer can open `base` (localhost): phones scanning a QR code cannot. */
	localOnly: boolean;
};

/**
 * The site's public address, for everything that leaves the site: credentials, QR codes, join
 * posters, login cards, certificates, oEmbed. ORIGIN when set; otherwise the address the page
 * was opened at, once checked to be this machine's, with `localhost` replaced by the laptop's
 * address on the local network (a phone cannot open the trainer's `localhost`).
 */
export function publicAddress(url: URL): PublicAddress {
	if (process.env.ORIGIN) return { base: process.env.ORIGIN.replace(/\/$/, ''), localOnly: false };
	const port = url.port ? `:${url.port}` : '';
	const lan = loopbackOnly() ? null : lanAddress();
	if (isOwnHost(url.host) && !isLoopbackName(url.hostname))
		return { base: url.origin, localOnly: false };
	// A loopback name (or, should one get this far, a host that is not this machine's).
	if (lan) return { base: `${url.protocol}//${lan}${port}`, localOnly: false };
	// Only this computer can open the site: keep the loopback name it was opened at.
	return {
		base: isOwnHost(url.host) ? url.origin : `${url.protocol}//localhost${port}`,
		localOnly: true
	};
}
