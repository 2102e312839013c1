import { intlLocale } from './time';

/** Money the way Indonesians write it: Rp12.500. Dates are in $lib/time (one time zone). */
export { formatDate, formatDay } from './time';

/** A size as its reader writes numbers: "1,5 MB" in Indonesian, "1.5 MB" in English. */
export function formatSize(bytes: number, locale = intlLocale()) {
	const mb = bytes / 1024 / 1024;
	if (mb >= 1)
		return `${mb.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
	return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale)} KB`;
}

export function formatRupiah(amount: number) {
	return 'Rp' + new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }).format(amount);
}
