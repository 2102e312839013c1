import { describe, expect, it } from 'vitest';
import { formatPhone, normalisePhone, parseContact } from './contact';

describe('normalisePhone', () => {
	it.each([
		['081234567890', '+6281234567890'],
		['0812-3456-7890', '+6281234567890'],
		['0812 3456 7890', '+6281234567890'],
		['+62 812 3456 7890', '+6281234567890'],
		['+6281234567890', '+6281234567890'],
		['6281234567890', '+6281234567890'],
		['+62 0812 3456 7890', '+6281234567890'],
		['(0812) 3456.7890', '+6281234567890'],
		['0856123456', '+62856123456'], // 10 digits, the shortest in use
		['0813123456789', '+62813123456789'] // 13 digits
	])('%s → %s', (input, expected) => {
		expect(normalisePhone(input)).toBe(expected);
	});

	it.each([
		['', 'empty'],
		['0312345678', 'a landline, not a mobile'],
		['08123', 'too short'],
		['08123456789012', 'too long'],
		['+1 415 555 0100', 'another country'],
		['0812abc4567', 'letters'],
		['812345678', 'no country or trunk prefix']
	])('refuses %s (%s)', (input) => {
		expect(normalisePhone(input)).toBeNull();
	});

	it('gives every spelling of one number the same form', () => {
		const forms = ['0812-1111-2222', '+62 812 1111 2222', '6281211112222'].map(normalisePhone);
		expect(new Set(forms).size).toBe(1);
	});
});

describe('parseContact', () => {
	it('reads an email address, lower-cased', () => {
		expect(parseContact(' Sri.Ledre@Example.com ')).toEqual({
			kind: 'email',
			value: 'sri.ledre@example.com'
		});
	});
	it('names what is wrong', () => {
		expect(parseContact('   ')).toEqual({ error: 'contact_required' });
		expect(parseContact('sri@')).toEqual({ error: 'email_invalid' });
		expect(parseContact('12345')).toEqual({ error: 'phone_invalid' });
	});
	it('formats a stored number the way it is written on a card', () => {
		expect(formatPhone('+6281234567890')).toBe('0812-3456-7890');
	});
});
