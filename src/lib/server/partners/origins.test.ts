import { describe, expect, it } from 'vitest';
import { readOrigins } from './origins';

describe('readOrigins', () => {
	it('normalises good origins, one a line or comma-separated, without duplicates', () => {
		expect(
			readOrigins('https://Desa-Contoh.id/\nhttps://desa-contoh.id, https://koperasi.id:8443', true)
		).toEqual({ origins: ['https://desa-contoh.id', 'https://koperasi.id:8443'] });
	});

	it('refuses a path, a wildcard, a query and something that is not a web address', () => {
		expect(
			readOrigins(
				'https://desa.id/blog https://*.desa.id https://desa.id?x=1 desa.id ftp://x.id',
				true
			)
		).toEqual({
			problems: [
				{ value: 'https://desa.id/blog', problem: 'path' },
				{ value: 'https://*.desa.id', problem: 'wildcard' },
				{ value: 'https://desa.id?x=1', problem: 'path' },
				{ value: 'desa.id', problem: 'invalid' },
				{ value: 'ftp://x.id', problem: 'invalid' }
			]
		});
	});

	it('refuses plain http in production, except on the loopback address', () => {
		expect(readOrigins('http://desa.id', true)).toEqual({
			problems: [{ value: 'http://desa.id', problem: 'http' }]
		});
		expect(readOrigins('http://desa.id', false)).toEqual({ origins: ['http://desa.id'] });
		expect(readOrigins('http://localhost:4332', true)).toEqual({
			origins: ['http://localhost:4332']
		});
	});

	it('needs at least one origin and at most ten', () => {
		expect(readOrigins('  ', true)).toEqual({ problems: [{ value: '', problem: 'none' }] });
		const many = Array.from({ length: 11 }, (_, i) => `https://d${i}.id`).join('\n');
		expect(readOrigins(many, true)).toEqual({ problems: [{ value: '', problem: 'too_many' }] });
	});
});
