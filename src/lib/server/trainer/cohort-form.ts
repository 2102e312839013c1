import { isKecamatan } from '$lib/bojonegoro';
import { listCourses } from '$lib/server/content/catalog';
import { cleanText } from '$lib/server/text';

export type CohortInput = {
	name: string;
	venue: string;
	kecamatan: string;
	sessionDates: string[];
	courses: string[];
};

export type CohortField = 'name' | 'venue' | 'kecamatan' | 'sessionDates' | 'courses';
export type CohortError =
	| 'name_required'
	| 'too_long'
	| 'kecamatan_invalid'
	| 'date_invalid'
	| 'dates_required'
	| 'too_many_dates'
	| 'courses_required';
export type CohortErrors = Partial<Record<CohortField, CohortError>>;

/** What the form sent, as the page shows it back. */
export type CohortValues = {
	name: string;
	venue: string;
	kecamatan: string;
	sessionDates: string[];
	courses: string[];
};

export const MAX_DATES = 10;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function realDate(value: string) {
	if (!DATE.test(value)) return false;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

export function readCohortForm(form: FormData): CohortValues {
	const str = (k: string) => cleanText(form.get(k));
	return {
		name: str('name').slice(0, 200),
		venue: str('venue').slice(0, 300),
		kecamatan: str('kecamatan'),
		sessionDates: form
			.getAll('date')
			.map((d) => String(d).trim())
			.filter(Boolean)
			.slice(0, 50),
		courses: form.getAll('course').map(String)
	};
}

export function validateCohort(
	input: CohortValues
): { errors: CohortErrors } | { value: CohortInput } {
	const errors: CohortErrors = {};
	if (!input.name) errors.name = 'name_required';
	else if (input.name.length > 100) errors.name = 'too_long';
	if (input.venue.length > 150) errors.venue = 'too_long';
	if (!isKecamatan(input.kecamatan)) errors.kecamatan = 'kecamatan_invalid';
	const dates = [...new Set(input.sessionDates)].sort();
	if (!dates.length) errors.sessionDates = 'dates_required';
	else if (dates.length > MAX_DATES) errors.sessionDates = 'too_many_dates';
	else if (!dates.every(realDate)) errors.sessionDates = 'date_invalid';
	// Catalogue order, and only courses that exist: the grid's columns follow this list.
	const courses = listCourses()
		.map((c) => c.slug)
		.filter((slug) => input.courses.includes(slug));
	if (!courses.length) errors.courses = 'courses_required';
	if (Object.keys(errors).length) return { errors };
	return {
		value: {
			name: input.name,
			venue: input.venue,
			kecamatan: input.kecamatan,
			sessionDates: dates,
			courses
		}
	};
}
