import {
	isLocale,
	overwriteGetLocale,
	overwriteSetLocale,
	type Locale
} from '$lib/paraglide/runtime';
import { syncAfter } from '$lib/offline/sync.svelte';

/**
 * True inside WordPress's filtered frame (`sandbox="allow-scripts"`, no same-origin): the page
 * has an opaque origin, so cookies, storage and every request to our own server without CORS
 * are refused. Embed pages only; a normal visit never loads this.
 */
export const sandboxed = () => typeof window !== 'undefined' && window.origin === 'null';

/**
 * Makes the page live without what the sandbox refuses. Called once, before anything renders.
 * - The locale is the one the server rendered (reading paraglide's cookie throws here), and the
 *   frame never changes it.
 * - Nothing is sent: /api/sync from an opaque origin is a refused cross-origin request. Progress
 *   is kept on the main site instead, which the frame says and links to ("Simpan progres").
 */
export function liveInSandbox() {
	const rendered = document.documentElement.lang;
	const locale: Locale = isLocale(rendered) ? rendered : 'id';
	overwriteGetLocale(() => locale);
	overwriteSetLocale(() => undefined);
	syncAfter(new Promise(() => undefined));
}
