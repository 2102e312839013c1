// For `tsc -p tsconfig.sw.json` only: the one name src/sw.ts takes from SvelteKit's
// `$service-worker` module (the app's types come from .svelte-kit, which this check leaves out).
declare module '$service-worker' {
	export const version: string;
}
