import { createHash } from 'node:crypto';
import { WP_EMBED_SCRIPT } from '$lib/embed/wp-embed';

/** kit.csp hashes only SvelteKit's own start-up script; the wp-embed script needs its own. */
const HASH = `'sha256-${createHash('sha256').update(WP_EMBED_SCRIPT).digest('base64')}'`;

/** The policy of an /embed page, with the inline wp-embed script allowed by its hash. */
export function allowWpEmbedScript(policy: string) {
	return policy.replace(/(^|;\s*)script-src /, `$1script-src ${HASH} `);
}
