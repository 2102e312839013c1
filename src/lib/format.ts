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

/**
 * A number a learner typed, written back the way the course writes it: "Rp10.400" whether they
 * typed "Rp10.400", "10400" or "10.400"; other units after the number ("14 hari").
 */
export function formatAmount(value: number, unit?: string) {
	if (unit === 'Rp') return formatRupiah(value);
	const number = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }).format(value);
	return unit ? `${number} ${unit}` : number;
}
