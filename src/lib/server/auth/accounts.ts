import { count, eq } from 'drizzle-orm';
import { parseContact, type Contact, type ContactError } from '$lib/contact';
import { db, table } from '$lib/server/db';
import type { Role } from '$lib/server/db/schema';
import { cleanText } from '$lib/server/text';
import { normaliseOneTimeCode } from './one-time';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { clearFailures, countAttempt, refundAttempt, type Limit } from './rate-limit';
import { invalidateUserSessions } from './session';

export type AccountError =
	| ContactError
	| 'name_required'
	| 'name_too_long'
	| 'password_too_short'
	| 'password_too_long'
	| 'password_weak'
	| 'password_mismatch'
	| 'account_exists'
	| 'login_failed'
	| 'current_password'
	| 'admin_exists';

type Fields = 'name' | 'contact' | 'password' | 'confirm' | 'current' | 'form';
export type FieldErrors = Partial<Record<Fields, AccountError>>;

export const NAME_MAX = 100;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

// Passwords people choose first; a phone keyboard makes these the likeliest guesses.
const COMMON = new Set([
	'12345678',
	'123456789',
	'1234567890',
	'87654321',
	'password',
	'password1',
	'qwertyui',
	'qwerty123',
	'11111111',
	'00000000',
	'bismillah',
	'indonesia',
	'bojonegoro',
	'naikkelas',
	'katasandi',
	'rahasia123'
]);

export function passwordProblem(password: string, contact?: string): AccountError | null {
	if (password.length < PASSWORD_MIN) return 'password_too_short';
	if (password.length > PASSWORD_MAX) return 'password_too_long';
	const lower = password.toLowerCase();
	if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return 'password_weak';
	// A password made of the account's own phone digits is the first thing a stranger tries.
	const digits = contact?.replace(/\D/g, '') ?? '';
	if (/^\d+$/.test(password) && digits.includes(password.replace(/^0/, ''))) return 'password_weak';
	return null;
}

function nameProblem(name: string): AccountError | null {
	if (!name) return 'name_required';
	if (name.length > NAME_MAX) return 'name_too_long';
	return null;
}

type User = typeof table.user.$inferSelect;
/** Either the new account or what is wrong with the input, field by field. */
export type AccountResult =
	{ user: User; errors?: undefined } | { errors: FieldErrors; user?: undefined };

export type RegisterInput = { name: string; contact: string; password: string; confirm: string };

/** Checks every field and says what is wrong with each; null when the input is acceptable. */
function validateRegistration(
	input: RegisterInput
): { errors: FieldErrors } | { name: string; contact: Contact } {
	const errors: FieldErrors = {};
	const name = cleanText(input.name);
	const nameError = nameProblem(name);
	if (nameError) errors.name = nameError;
	const contact = parseContact(input.contact);
	if ('error' in contact) errors.contact = contact.error;
	const pw = passwordProblem(input.password, input.contact);
	if (pw) errors.password = pw;
	else if (input.password !== input.confirm) errors.confirm = 'password_mismatch';
	if ('error' in contact || Object.keys(errors).length) return { errors };
	return { name, contact };
}

export async function registerUser(
	input: RegisterInput,
	role: Role = 'learner'
): Promise<AccountResult> {
	const valid = validateRegistration(input);
	if ('errors' in valid) return { errors: valid.errors };
	const { name, contact } = valid;
	const passwordHash = await hashPassword(input.password);
	const id = crypto.randomUUID();
	const values = {
		id,
		name,
		passwordHash,
		role,
		phone: contact.kind === 'phone' ? contact.value : null,
		email: contact.kind === 'email' ? contact.value : null
	};
	// The unique index decides, so two simultaneous sign-ups with one number cannot both win.
	const [user] = await db.insert(table.user).values(values).onConflictDoNothing().returning();
	if (!user) return { errors: { contact: 'account_exists' } satisfies FieldErrors };
	return { user };
}

/** The first admin, created once from the setup page; refused once any admin exists. */
export async function createFirstAdmin(input: RegisterInput): Promise<AccountResult> {
	const valid = validateRegistration(input);
	if ('errors' in valid) return { errors: valid.errors };
	const passwordHash = await hashPassword(input.password);
	return db.transaction(async (tx): Promise<AccountResult> => {
		const [{ n }] = await tx
			.select({ n: count() })
			.from(table.user)
			.where(eq(table.user.role, 'admin'));
		if (n > 0) return { errors: { form: 'admin_exists' } satisfies FieldErrors };
		const contact = valid.contact;
		// Never take over an existing account: whoever reaches setup first must not own it.
		const [user] = await tx
			.insert(table.user)
			.values({
				id: crypto.randomUUID(),
				name: valid.name,
				passwordHash,
				role: 'admin',
				phone: contact.kind === 'phone' ? contact.value : null,
				email: contact.kind === 'email' ? contact.value : null
			})
			.onConflictDoNothing()
			.returning();
		if (!user) return { errors: { contact: 'account_exists' } satisfies FieldErrors };
		return { user };
	});
}

export async function adminExists() {
	const [{ n }] = await db
		.select({ n: count() })
		.from(table.user)
		.where(eq(table.user.role, 'admin'));
	return n > 0;
}

/**
 * Five wrong passwords in 15 minutes lock one account. The per-address limit is higher:
 * a whole village hall signs in through one Wi-Fi router during a bimtek.
 */
export const LOGIN_LIMIT_ACCOUNT: Limit = { max: 5, windowMs: 15 * 60 * 1000 };
export const LOGIN_LIMIT_ADDRESS: Limit = { max: 30, windowMs: 15 * 60 * 1000 };

export type LoginResult =
	| { user: typeof table.user.$inferSelect }
	| { error: 'login_failed' | 'contact_required' | 'account_disabled' }
	| { error: 'rate_limited'; retryAfterMs: number };

export async function authenticate(
	contactInput: string,
	password: string,
	address: string,
	now = Date.now()
): Promise<LoginResult> {
	const contact = parseContact(contactInput);
	if ('error' in contact && contact.error === 'contact_required')
		return { error: 'contact_required' };
	// Unknown and malformed identifiers share one key space, so probing them is limited too.
	const accountKey = `login:account:${'error' in contact ? contactInput.trim().toLowerCase() : contact.value}`;
	const addressKey = `login:address:${address}`;
	// Counted before the slow argon2 check, so parallel guesses cannot all get through.
	const wait = await countAttempt(
		[
			[accountKey, LOGIN_LIMIT_ACCOUNT],
			[addressKey, LOGIN_LIMIT_ADDRESS]
		],
		now
	);
	if (wait > 0) return { error: 'rate_limited', retryAfterMs: wait };

	const [found] =
		'error' in contact
			? []
			: await db
					.select()
					.from(table.user)
					.where(
						contact.kind === 'phone'
							? eq(table.user.phone, contact.value)
							: eq(table.user.email, contact.value)
					);
	// A one-time code from a trainer is typed off a paper card: case and spaces do not matter.
	const given = found?.mustChangePassword ? normaliseOneTimeCode(password) : password;
	const ok = await verifyPassword(found?.passwordHash ?? (await dummyPasswordHash()), given);
	// A failure stays counted; a success clears the account and gives the address its try back
	// (a village hall signs in through one Wi-Fi address).
	if (!found || !ok) return { error: 'login_failed' };
	await clearFailures(accountKey);
	await refundAttempt(addressKey);
	// Said only after the right password: a stranger cannot probe which accounts are disabled.
	if (found.disabledAt) return { error: 'account_disabled' };
	return { user: found };
}

export async function changePassword(
	userId: string,
	current: string,
	next: string,
	confirm: string
) {
	const [found] = await db.select().from(table.user).where(eq(table.user.id, userId));
	if (!found || !(await verifyPassword(found.passwordHash, current)))
		return { errors: { current: 'current_password' } as FieldErrors };
	const problem = passwordProblem(next, found.phone ?? found.email ?? '');
	if (problem) return { errors: { password: problem } as FieldErrors };
	if (next !== confirm) return { errors: { confirm: 'password_mismatch' } as FieldErrors };
	await db
		.update(table.user)
		.set({ passwordHash: await hashPassword(next) })
		.where(eq(table.user.id, userId));
	// Every other device is signed out; the caller gives this device a fresh session.
	await invalidateUserSessions(userId);
	return { ok: true as const };
}
