import { describe, expect, it } from 'vitest';
import { safeNext } from './guard';

describe('safeNext', () => {
	it('keeps paths on this site', () => {
		expect(safeNext('/courses/manajemen-usaha?x=1%20y')).toBe('/courses/manajemen-usaha?x=1%20y');
	});

	it('refuses other sites and what a Location header cannot carry', () => {
		for (const bad of [
			'//evil.example',
			'/\\evil.example',
			'https://evil.example',
			'/\u0000x',
			'/é',
			'/a b'
		])
			expect(safeNext(bad, '/home')).toBe('/home');
	});
});
