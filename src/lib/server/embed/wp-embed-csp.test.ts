import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WP_EMBED_SCRIPT } from '$lib/embed/wp-embed';
import { allowWpEmbedScript } from './wp-embed-csp';

describe('allowWpEmbedScript', () => {
	it("adds the inline wp-embed script's hash to script-src and nothing else", () => {
		const hash = createHash('sha256').update(WP_EMBED_SCRIPT).digest('base64');
		const policy = "default-src 'self'; script-src 'self' 'sha256-abc'; style-src 'self'";
		expect(allowWpEmbedScript(policy)).toBe(
			`default-src 'self'; script-src 'sha256-${hash}' 'self' 'sha256-abc'; style-src 'self'`
		);
	});
});
