/**
 * Learners sign in with a WhatsApp number or an email address, typed the way people
 * write them: "0812-3456-7890", "+62 812 3456 7890", "62812…". Phone numbers are kept
 * in one form, +628…, so every spelling of one number reaches one account.
 */
export type Contact = { kind: 'phone'; value: string } | { kind: 'email'; value: string };
export type ContactError = 'contact_required' | 'phone_invalid' | 'email_invalid';

// No control characters: SQLite would keep "a\0b@x.id" but hand back "a".
// eslint-disable-next-line no-control-regex
const EMAIL = /^[^\s@\u0000-\u001f\u007f]+@[^\s@\u0000-\u001f\u007f]+\.[^\s@\u0000-\u001f\u007f]+$/;

/** Indonesian mobile numbers: 08 followed by 8 to 11 digits (10–13 digits in all). */
export function normalisePhone(input: string): string | null {
	const compact = input.trim().replace(/[\s\-.()]/g, '');
	let national: string;
	if (compact.startsWith('+62')) national = compact.slice(3);
	else if (compact.startsWith('62')) national = compact.slice(2);
	else if (compact.startsWith('0')) national = compact.slice(1);
	else return null;
	if (national.startsWith('0')) national = national.slice(1); // "+62 0812…" is common
	if (!/^8\d{8,11}$/.test(national)) return null;
	return `+62${national}`;
}

export function parseContact(input: string): Contact | { error: ContactError } {
	const text = input.trim();
	if (!text) return { error: 'contact_required' };
	if (text.includes('@')) {
		const email = text.toLowerCase();
		return email.length <= 254 && EMAIL.test(email)
			? { kind: 'email', value: email }
			: { error: 'email_invalid' };
	}
	const phone = normalisePhone(text);
	return phone ? { kind: 'phone', value: phone } : { error: 'phone_invalid' };
}

/** "+6281234567890" → "0812-3456-7890", the way it is written on a card. */
export function formatPhone(phone: string): string {
	const national = '0' + phone.replace(/^\+62/, '');
	return national.replace(/^(\d{4})(\d{4})(\d+)$/, '$1-$2-$3');
}
