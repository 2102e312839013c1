import { cleanText } from '$lib/server/text';
import { readOrigins, type OriginProblem } from './origins';
import type { PartnerInput } from './registry';

export type PartnerFormErrors = {
	name?: 'name_required' | 'too_long';
	contact?: 'too_long';
	origins?: { value: string; problem: OriginProblem }[];
};

/** The partner form, read and checked; on a problem, what was typed comes back with it. */
export function readPartnerForm(form: FormData, production: boolean) {
	const values = {
		// cleanText: a name beginning with NUL would be kept, then read back from SQLite as "".
		name: cleanText(form.get('name')),
		contact: cleanText(form.get('contact')),
		origins: String(form.get('origins') ?? '').slice(0, 5000)
	};
	const errors: PartnerFormErrors = {};
	if (!values.name) errors.name = 'name_required';
	else if (values.name.length > 120) errors.name = 'too_long';
	if (values.contact.length > 200) errors.contact = 'too_long';
	const origins = readOrigins(values.origins, production);
	if ('problems' in origins) errors.origins = origins.problems;
	if (Object.keys(errors).length || 'problems' in origins) return { values, errors };
	const input: PartnerInput = {
		name: values.name,
		contact: values.contact,
		origins: origins.origins
	};
	return { input };
}
