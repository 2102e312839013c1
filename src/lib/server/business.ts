import { eq } from 'drizzle-orm';
import { isKecamatan } from '$lib/bojonegoro';
import { cleanText } from '$lib/server/text';
import { db, table } from '$lib/server/db';
import type { BusinessInput } from '$lib/server/db/schema';

export const LEGAL_DOCS = ['nib', 'sppIrt', 'halal', 'bpomMd', 'trademark'] as const;
// Food and drink, or crafts: the tiers ask each for different evidence (courses/tiers.yaml).
import { PRODUCT_KINDS, type ProductKind } from '$lib/server/content/tier-model';
export { PRODUCT_KINDS };
export type LegalDoc = (typeof LEGAL_DOCS)[number];

export type BusinessError =
	| 'business_name_required'
	| 'too_long'
	| 'kecamatan_invalid'
	| 'doc_number_required'
	| 'product_kind_invalid';
export type BusinessErrors = Partial<Record<string, BusinessError>>;

/** What the form sent, as the page shows it back when something must be corrected. */
export type BusinessForm = {
	name: string;
	products: string;
	kecamatan: string;
	desa: string;
	/** '' when not chosen (older profiles): the tiers then ask what a food business gives. */
	productKind: string;
	docs: Record<LegalDoc, { has: boolean; number: string }>;
};

const MAX = { name: 120, products: 300, desa: 80, number: 60 };

export function readBusinessForm(form: FormData): BusinessForm {
	const str = (k: string) => cleanText(form.get(k));
	const docs = {} as BusinessForm['docs'];
	for (const doc of LEGAL_DOCS)
		docs[doc] = { has: form.get(`${doc}_has`) === 'yes', number: str(`${doc}_number`) };
	return {
		name: str('name'),
		products: str('products'),
		kecamatan: str('kecamatan'),
		desa: str('desa'),
		productKind: str('productKind'),
		docs
	};
}

export function validateBusiness(
	input: BusinessForm
): { errors: BusinessErrors } | { value: BusinessInput } {
	const errors: BusinessErrors = {};
	if (!input.name) errors.name = 'business_name_required';
	else if (input.name.length > MAX.name) errors.name = 'too_long';
	if (input.products.length > MAX.products) errors.products = 'too_long';
	if (!isKecamatan(input.kecamatan)) errors.kecamatan = 'kecamatan_invalid';
	if (input.desa.length > MAX.desa) errors.desa = 'too_long';
	const kind = input.productKind;
	if (kind && !(PRODUCT_KINDS as readonly string[]).includes(kind))
		errors.productKind = 'product_kind_invalid';
	const value: BusinessInput = {
		name: input.name,
		products: input.products,
		kecamatan: input.kecamatan,
		desa: input.desa,
		productKind: (PRODUCT_KINDS as readonly string[]).includes(kind) ? (kind as ProductKind) : null
	};
	for (const doc of LEGAL_DOCS) {
		const { has, number } = input.docs[doc];
		if (has && !number) errors[doc] = 'doc_number_required';
		else if (number.length > MAX.number) errors[doc] = 'too_long';
		value[doc] = has ? number : null;
	}
	return Object.keys(errors).length ? { errors } : { value };
}

export async function getBusiness(ownerId: string) {
	const [row] = await db.select().from(table.business).where(eq(table.business.ownerId, ownerId));
	return row ?? null;
}

export function toForm(row: typeof table.business.$inferSelect | null): BusinessForm {
	const docs = {} as BusinessForm['docs'];
	for (const doc of LEGAL_DOCS) docs[doc] = { has: row?.[doc] != null, number: row?.[doc] ?? '' };
	return {
		name: row?.name ?? '',
		products: row?.products ?? '',
		kecamatan: row?.kecamatan ?? '',
		desa: row?.desa ?? '',
		productKind: row?.productKind ?? '',
		docs
	};
}

export async function saveBusiness(ownerId: string, value: BusinessInput) {
	const updatedAt = new Date();
	await db
		.insert(table.business)
		.values({ ...value, id: crypto.randomUUID(), ownerId, updatedAt })
		.onConflictDoUpdate({ target: table.business.ownerId, set: { ...value, updatedAt } });
}
