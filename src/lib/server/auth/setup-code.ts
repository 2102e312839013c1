import { randomInt, timingSafeEqual } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '$lib/server/data-dir';

/**
 * Who may create the first admin. On the machine the server runs on (a trainer's laptop opening
 * http://localhost:3000) nobody is asked anything. From anywhere else /setup asks for a code that
 * only someone with access to the server's files can read: without it, the first stranger to
 * find a fresh install on the internet would become its admin. The code is never logged.
 */

const FILE = 'setup-code';
/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
const LOOPBACK = /^(?:::ffff:)?127(?:\.\d{1,3}){3}$|^::1$/;

export const isLocalAddress = (address: string) => LOOPBACK.test(address);

/** Where the code is kept until the first admin exists (shown to the operator, not its content). */
export const setupCodePath = () => join(dataDir(), FILE);

/** The code: eight digits, made once and shared by every server process through the file. */
export function setupCode(): string {
	const path = setupCodePath();
	try {
		return readFileSync(path, 'utf8').trim();
	} catch {
		// Not made yet.
	}
	const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
	try {
		writeFileSync(path, `${code}\n`, { flag: 'wx', mode: 0o600 });
		return code;
	} catch {
		// Another process made it first: theirs is the code.
		return readFileSync(path, 'utf8').trim();
	}
}

/** Whether `typed` is the code; spaces and dashes do not matter. */
export function setupCodeMatches(typed: string) {
	const given = Buffer.from(typed.replace(/[\s-]/g, ''));
	const code = Buffer.from(setupCode());
	return given.length === code.length && timingSafeEqual(given, code);
}

/** Once the first admin exists the code has done its work. */
export function forgetSetupCode() {
	rmSync(setupCodePath(), { force: true });
}
