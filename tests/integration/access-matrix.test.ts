import { describe, expect, it } from 'vitest';
import { MATRIX } from '../e2e/access-matrix';
import { listRoutes } from '../e2e/routes';

// The matrix itself runs against the production server (tests/e2e/access.spec.ts); this check
// needs no server, so a route added without a row fails in seconds, naming the route.
describe('the access matrix', () => {
	it('has a row for every route, page, endpoint method and form action in src/routes', () => {
		const routes = listRoutes();
		const rows = MATRIX.map((r) => r.key);
		const missing = routes.filter((k) => !rows.includes(k));
		const stale = rows.filter((k) => !routes.includes(k));
		expect(missing, `add these to tests/e2e/access-matrix.ts:\n${missing.join('\n')}`).toEqual([]);
		expect(stale, `these rows name no route in src/routes:\n${stale.join('\n')}`).toEqual([]);
		expect(rows.length, 'one row per route').toBe(new Set(rows).size);
	});

	it('finds pages, endpoint methods and named and default form actions', () => {
		const routes = listRoutes();
		for (const key of [
			'PAGE /account',
			'POST /account?/evidence',
			'GET /verify/[id=badge]',
			'POST /login',
			'PAGE /language'
		])
			expect(routes).toContain(key);
	});
});
