import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Every way into the app, read from src/routes: `PAGE <route>` for a page, `<METHOD> <route>` for
 * each method a +server file exports, `POST <route>?/<action>` for each named form action
 * (`POST <route>` for a default action). Route ids are SvelteKit's, e.g. /verify/[id=badge].
 */
export function listRoutes(root = 'src/routes'): string[] {
	const keys: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else keys.push(...keysOf(path, routeId(root, dir), entry.name));
		}
	};
	walk(root);
	return [...new Set(keys)].sort();
}

function routeId(root: string, dir: string) {
	return '/' + relative(root, dir).split(sep).filter(Boolean).join('/');
}

function keysOf(file: string, route: string, name: string): string[] {
	if (/^\+server\.(ts|js)$/.test(name)) {
		const source = readFileSync(file, 'utf8');
		const methods = source.matchAll(
			/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|fallback)\b/g
		);
		return [...methods].map((m) => `${m[1]} ${route}`);
	}
	// A page is any folder with a +page file (a +page.server alone may only redirect).
	if (!/^\+page(\.server)?\.(svelte|md|ts|js)$/.test(name)) return [];
	const page = `PAGE ${route}`;
	if (!name.startsWith('+page.server.')) return [page];
	const source = readFileSync(file, 'utf8');
	const block = objectAfter(source, /export\s+const\s+actions[^=]*=\s*\{/);
	// Named actions sit one tab in: `\tname: async (…) => {`, `\tname(…) {` or `\tdefault: …`.
	const names = [...block.matchAll(/^\t(?:async\s+)?([A-Za-z_$][\w$]*)\s*[:(]/gm)].map((m) => m[1]);
	return [page, ...names.map((n) => (n === 'default' ? `POST ${route}` : `POST ${route}?/${n}`))];
}

/** The text of the object literal that starts where `start` matches, up to its closing brace. */
function objectAfter(source: string, start: RegExp) {
	const m = start.exec(source);
	if (!m) return '';
	let depth = 1;
	let i = m.index + m[0].length;
	for (; i < source.length && depth > 0; i++) {
		if (source[i] === '{') depth++;
		else if (source[i] === '}') depth--;
	}
	return source.slice(m.index + m[0].length, i - 1);
}
