import { describe, expect, it } from 'vitest';
import { cleanText } from './text';

describe('cleanText', () => {
	it('drops NUL and other control characters, keeps line breaks, trims', () => {
		expect(cleanText('\u0000Ledre\u0007 Bu Sri \n')).toBe('Ledre Bu Sri');
		expect(cleanText('baris satu\nbaris dua\tx')).toBe('baris satu\nbaris dua\tx');
		expect(cleanText('\u0000 \u0001')).toBe('');
	});

	it('turns lone surrogates into the replacement character and reads null as empty', () => {
		expect(cleanText('a\uD800b')).toBe('a\uFFFDb');
		expect(cleanText(null)).toBe('');
	});
});
