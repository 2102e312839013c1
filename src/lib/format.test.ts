import { describe, expect, it } from 'vitest';
import { formatAmount } from './format';

describe('formatAmount', () => {
	it('writes Rupiah one way, however the learner typed it', () => {
		expect(formatAmount(10400, 'Rp')).toBe('Rp10.400');
		expect(formatAmount(5000, 'Rp')).toBe('Rp5.000');
		expect(formatAmount(470000, 'Rp')).toBe('Rp470.000');
	});
	it('puts other units after the number, with Indonesian separators', () => {
		expect(formatAmount(14, 'hari')).toBe('14 hari');
		expect(formatAmount(12.5)).toBe('12,5');
	});
});
