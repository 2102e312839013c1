import { invalidateAll } from '$app/navigation';
import { deviceId, getMeta, setMeta } from '$lib/offline/outbox';
import { flush, syncHeaders } from '$lib/offline/sync.svelte';
import { MESSAGE_SOURCE } from './host';

type Linked = { token: string; name: string };

/** The account this embed's progress goes to, once "Simpan progres" linked one. */
export const embedAccount = $state({
	name: null as string | null,
	saving: false,
	/** Where to go when the browser blocked the window: a link the learner taps instead. */
	blockedUrl: null as string | null
});

const META_KEY = 'embedAccount';

export function useAccount(linked: Linked) {
	// A bearer token, not a cookie: third-party cookies may be blocked here, and a header
	// cannot be sent by another site.
	syncHeaders.authorization = `Bearer ${linked.token}`;
	embedAccount.name = linked.name;
}

/** The account linked earlier in this frame's own (partitioned) storage, if any. */
export async function restoreAccount() {
	const linked = await getMeta<Linked>(META_KEY);
	if (linked) useAccount(linked);
}

/** Only our own sign-in window may hand over a session, and only in this exact shape. */
export function readAccountMessage(event: MessageEvent, from: Window | null): Linked | null {
	if (event.origin !== location.origin || (from && event.source !== from)) return null;
	const data = event.data as Record<string, unknown> | null;
	if (!data || typeof data !== 'object' || data.source !== MESSAGE_SOURCE) return null;
	if (data.type !== 'account' || typeof data.token !== 'string' || typeof data.name !== 'string')
		return null;
	if (!/^[A-Za-z0-9_-]{20,64}$/.test(data.token)) return null;
	return { token: data.token, name: data.name.slice(0, 200) };
}

/**
 * "Simpan progres": a top-level window of our own site, where the site's cookies work, to
 * sign in or register. It claims this device's guest progress for the account and hands a
 * session back by postMessage; from then on this frame syncs as that account.
 */
export async function saveProgress(embedToken: string) {
	const url = `/save-progress?device=${await deviceId()}&embed=${encodeURIComponent(embedToken)}`;
	const popup = window.open(url, 'naik-kelas-simpan', 'popup,width=480,height=720');
	// Blocked: a link in a new tab (rel=opener) still reaches us; only our origin is believed.
	if (!popup) embedAccount.blockedUrl = url;
	embedAccount.saving = true;
	const listen = async (event: MessageEvent) => {
		const linked = readAccountMessage(event, popup);
		if (!linked) return;
		removeEventListener('message', listen);
		embedAccount.saving = false;
		useAccount(linked);
		// Kept for the next visit: in IndexedDB where the frame has it, else in its
		// partitioned cookie (the server sets it; the token only proves what it already says).
		await setMeta(META_KEY, linked);
		await fetch('/embed/account', { method: 'POST', headers: syncHeaders }).catch(() => null);
		await flush();
		// The page again, now rendered for the account (its partitioned cookie): its progress
		// from everywhere, at once, not only what this frame did.
		await invalidateAll();
	};
	addEventListener('message', listen);
}
