// The signatory printed on certificates (e.g. "Ketua TP PKK Kabupaten Bojonegoro"): set by
// an admin, shown on every certificate as it is printed.
import { eq } from 'drizzle-orm';
import { db, table } from '$lib/server/db';
import { cleanText } from '$lib/server/text';

export type Signatory = { name: string; title: string };

const KEY = 'certificate_signatory';
export const SIGNATORY_MAX = { name: 120, title: 160 } as const;

export async function getSignatory(): Promise<Signatory | null> {
	const [row] = await db.select().from(table.setting).where(eq(table.setting.key, KEY));
	const value = row?.value as Partial<Signatory> | undefined;
	return value?.name ? { name: value.name, title: value.title ?? '' } : null;
}

export type SignatoryErrors = {
	name?: 'name_required' | 'too_long';
	title?: 'title_required' | 'too_long';
};

/** The admin's form, read and checked; both empty clears the signatory. */
export function readSignatoryForm(form: FormData) {
	const values = { name: cleanText(form.get('name')), title: cleanText(form.get('title')) };
	const errors: SignatoryErrors = {};
	const clear = !values.name && !values.title;
	if (!clear) {
		if (!values.name) errors.name = 'name_required';
		else if (values.name.length > SIGNATORY_MAX.name) errors.name = 'too_long';
		if (!values.title) errors.title = 'title_required';
		else if (values.title.length > SIGNATORY_MAX.title) errors.title = 'too_long';
	}
	return Object.keys(errors).length
		? { values, errors }
		: { signatory: clear ? null : values, values };
}

export async function saveSignatory(signatory: Signatory | null, byUserId: string) {
	if (!signatory) {
		await db.delete(table.setting).where(eq(table.setting.key, KEY));
		return;
	}
	const row = { key: KEY, value: signatory, updatedAt: new Date(), updatedBy: byUserId };
	await db
		.insert(table.setting)
		.values(row)
		.onConflictDoUpdate({ target: table.setting.key, set: row });
}
