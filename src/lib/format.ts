/** Dates and money the way Indonesians write them: 27 November 2026, Rp12.500. */
export function formatDate(date: Date | number, locale = 'id-ID') {
	return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(
		date
	);
}

export function formatRupiah(amount: number) {
	return 'Rp' + new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(amount);
}

/** A session day stored as YYYY-MM-DD → "Sen, 7 Des 2026", the same in every time zone. */
export function formatDay(day: string, locale = 'id-ID') {
	return new Intl.DateTimeFormat(locale, {
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${day}T00:00:00Z`));
}

/**
 * A number a learner typed, written back the way the course writes it: "Rp10.400" whether they
 * typed "Rp10.400", "10400" or "10.400"; other units after the number ("14 hari").
 */
export function formatAmount(value: number, unit?: string) {
	if (unit === 'Rp') return formatRupiah(value);
	const number = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }).format(value);
	return unit ? `${number} ${unit}` : number;
}
