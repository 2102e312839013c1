/** Dates and money the way Indonesians write them: 27 November 2026, Rp12.500. */
export function formatDate(date: Date | number, locale = 'id-ID') {
	return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(
		date
	);
}

export function formatRupiah(amount: number) {
	return 'Rp' + new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(amount);
}
