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
