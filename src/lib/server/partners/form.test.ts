import { describe, expect, it } from 'vitest';
import { readPartnerForm } from './form';

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
};

describe('the partner form', () => {
	it('keeps no name SQLite would read back as empty (found by the hostile-input test)', () => {
		const blank = readPartnerForm(form({ name: '\u0000', origins: 'https://desa.id' }), true);
		expect(blank).toMatchObject({ errors: { name: 'name_required' } });
		const named = readPartnerForm(
			form({ name: '\u0000 Desa Kalitidu ', origins: 'https://desa.id' }),
			true
		);
		expect(named).toMatchObject({ input: { name: 'Desa Kalitidu' } });
	});
});
