import { describe, expect, it } from 'vitest';
import { LEGAL_DOCS, readBusinessForm, validateBusiness } from './business';

function form(fields: Record<string, string>) {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	for (const doc of LEGAL_DOCS) if (!data.has(`${doc}_has`)) data.set(`${doc}_has`, 'no');
	return readBusinessForm(data);
}

describe('validateBusiness', () => {
	it('accepts a complete profile and keeps numbers only for documents the business has', () => {
		const result = validateBusiness(
			form({
				name: '  Ledre Bu Sri ',
				products: 'ledre pisang',
				kecamatan: 'Padangan',
				desa: 'Kuncen',
				nib_has: 'yes',
				nib_number: '9120001234567',
				halal_has: 'no',
				halal_number: 'ID35110000123'
			})
		);
		expect(result).toEqual({
			value: {
				name: 'Ledre Bu Sri',
				products: 'ledre pisang',
				kecamatan: 'Padangan',
				desa: 'Kuncen',
				productKind: null,
				nib: '9120001234567',
				sppIrt: null,
				halal: null,
				bpomMd: null,
				trademark: null
			}
		});
	});

	it('names every problem: no name, a kecamatan outside Bojonegoro, a missing number, too long', () => {
		const result = validateBusiness(
			form({
				name: '',
				kecamatan: 'Cepu',
				desa: 'x'.repeat(81),
				sppIrt_has: 'yes',
				sppIrt_number: ''
			})
		);
		expect(result).toEqual({
			errors: {
				name: 'business_name_required',
				kecamatan: 'kecamatan_invalid',
				desa: 'too_long',
				sppIrt: 'doc_number_required'
			}
		});
	});
});
