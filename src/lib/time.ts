import { getLocale } from '$lib/paraglide/runtime';

/**
 * Every date a person reads, exports or counts by day or month, in one time zone: Bojonegoro's
 * (WIB) unless the server sets another (env TIME_ZONE, passed to the browser with the root
 * layout's data). Never the server's or the phone's own zone: a certificate issued at 01:30 WIB
 * must not say the day before because the server runs in UTC.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

let zone = DEFAULT_TIME_ZONE;

/** Whether `name` is a zone this runtime knows (an unknown one would throw on every format). */
export function isTimeZone(name: string) {
	try {
		new Intl.DateTimeFormat('en', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

/** Sets the zone; an unknown name leaves it as it was and returns false. */
export function setTimeZone(name: string | null | undefined) {
	if (!name || !isTimeZone(name)) return false;
	zone = name;
	return true;
}

export function timeZone() {
	return zone;
}

/** The Intl locale of the interface language: dates and numbers as readers of it write them. */
export function intlLocale(locale: string = getLocale()) {
	return locale === 'en' ? 'en-GB' : 'id-ID';
}

type When = Date | number;

/** "5 Desember 2026" / "5 December 2026". */
export function formatDate(date: When, locale = intlLocale()) {
	return new Intl.DateTimeFormat(locale, {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: zone
	}).format(date);
}

/** "4 Des 2026": a date in a table or a CSV file. */
export function formatShortDate(date: When, locale = intlLocale()) {
	return shortDate(locale, { timeZone: zone }).format(date).replace('.', '');
}

/** "14.05" (Indonesian) / "14:05". */
export function formatTime(date: When, locale = intlLocale()) {
	return new Intl.DateTimeFormat(locale, {
		hour: '2-digit',
		minute: '2-digit',
		timeZone: zone
	}).format(date);
}

/** "4 Des 2026 14.05". */
export function formatDateTime(date: When, locale = intlLocale()) {
	return `${formatShortDate(date, locale)} ${formatTime(date, locale)}`;
}

/** A calendar day stored as YYYY-MM-DD → "Sen, 7 Des 2026": it is a day, not an instant. */
export function formatDay(day: string, locale = intlLocale(), { weekday = true } = {}) {
	return shortDate(locale, { timeZone: 'UTC', ...(weekday && { weekday: 'short' }) }).format(
		new Date(`${day}T00:00:00Z`)
	);
}

/** A month stored as YYYY-MM → "Januari 2026" (long) or "Jan" (short, for a chart's axis). */
export function formatMonth(
	month: string,
	locale = intlLocale(),
	style: 'long' | 'short' = 'long'
) {
	const format =
		style === 'long'
			? new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })
			: new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
	return format.format(new Date(`${month}-01T00:00:00Z`)).replace('.', '');
}

/** The calendar day of an instant in the zone, as YYYY-MM-DD (session dates, file names). */
export function dayOf(date: When = Date.now()) {
	const part = partsOf(date);
	return `${part.year}-${part.month}-${part.day}`;
}

/** The month of an instant in the zone, as YYYY-MM. */
export function monthOf(date: When = Date.now()) {
	return dayOf(date).slice(0, 7);
}

/** How far the zone is ahead of UTC at `date`, in minutes (WIB: 420). */
export function utcOffsetMinutes(date: When = Date.now()) {
	const p = partsOf(date);
	const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
	return Math.round((asUtc - Math.floor(+date / 1000) * 1000) / 60_000);
}

/** The instant a calendar day (YYYY-MM-DD) begins in the zone. */
export function startOfDay(day: string) {
	const guess = Date.parse(`${day}T00:00:00Z`);
	return new Date(guess - utcOffsetMinutes(guess - utcOffsetMinutes(guess) * 60_000) * 60_000);
}

function shortDate(locale: string, extra: Intl.DateTimeFormatOptions) {
	return new Intl.DateTimeFormat(locale, {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		...extra
	});
}

function partsOf(date: When) {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(date);
	return Object.fromEntries(parts.map((p) => [p.type, p.value])) as Record<
		'year' | 'month' | 'day' | 'hour' | 'minute' | 'second',
		string
	>;
}
