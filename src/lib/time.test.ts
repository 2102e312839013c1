import { afterEach, describe, expect, it } from 'vitest';
import { formatDay as formatDayFromFormat } from './format';
import {
	dayOf,
	formatDate,
	formatDateTime,
	formatDay,
	formatMonth,
	formatShortDate,
	monthOf,
	setTimeZone,
	startOfDay,
	timeZone,
	utcOffsetMinutes
} from './time';
import { lastMonths } from './server/admin/badges-by-month';
import { formatSize } from './format';

// 01:30 on 5 December in Bojonegoro; still the 4th in UTC and in New York. The suite is run
// with TZ=UTC and TZ=America/New_York too: the server's own zone must never show through.
const LATE = new Date('2026-12-04T18:30:00Z');

afterEach(() => setTimeZone('Asia/Jakarta'));

describe('one time zone for every date people read', () => {
	it(`shows the day lived in Bojonegoro, whatever the server's zone (TZ=${process.env.TZ ?? 'unset'})`, () => {
		expect(timeZone()).toBe('Asia/Jakarta');
		expect(formatDate(LATE, 'id-ID')).toBe('5 Desember 2026');
		expect(formatShortDate(LATE, 'id-ID')).toBe('5 Des 2026');
		expect(formatDateTime(LATE, 'id-ID')).toBe('5 Des 2026 01.30');
		expect(dayOf(LATE)).toBe('2026-12-05');
		expect(monthOf(new Date('2026-11-30T17:30:00Z'))).toBe('2026-12');
		expect(utcOffsetMinutes(LATE)).toBe(420);
		expect(startOfDay('2026-12-05').toISOString()).toBe('2026-12-04T17:00:00.000Z');
	});

	it('counts dashboard months from the first instant of the month in Bojonegoro', () => {
		const { months, since } = lastMonths(new Date('2026-11-30T17:30:00Z'), 3);
		expect(months).toEqual(['2026-10', '2026-11', '2026-12']);
		expect(since.toISOString()).toBe('2026-09-30T17:00:00.000Z');
	});

	it('a calendar day (a session date) is that day everywhere', () => {
		expect(formatDay('2026-12-07', 'id-ID')).toBe('Sen, 7 Des 2026');
		expect(formatDay('2026-12-04', 'id-ID', { weekday: false })).toBe('4 Des 2026');
		expect(formatDayFromFormat('2026-12-07', 'en-GB')).toBe('Mon, 7 Dec 2026');
		expect(formatMonth('2026-01', 'id-ID')).toBe('Januari 2026');
		expect(formatMonth('2026-12', 'en-GB', 'short')).toBe('Dec');
	});

	it('another zone can be set (TIME_ZONE), and an unknown one is refused', () => {
		expect(setTimeZone('Asia/Makassar')).toBe(true);
		expect(formatDateTime(LATE, 'id-ID')).toBe('5 Des 2026 02.30');
		expect(setTimeZone('Mars/Olympus')).toBe(false);
		expect(timeZone()).toBe('Asia/Makassar');
		setTimeZone('UTC');
		expect(formatDate(LATE, 'id-ID')).toBe('4 Desember 2026');
	});
});

describe('dates and numbers in the reader’s language', () => {
	it('English readers get English dates, Indonesians get decimal commas', () => {
		expect(formatDate(LATE, 'en-GB')).toBe('5 December 2026');
		expect(formatSize(1.5 * 1024 * 1024, 'id-ID')).toBe('1,5 MB');
		expect(formatSize(1.5 * 1024 * 1024, 'en-GB')).toBe('1.5 MB');
		expect(formatSize(300 * 1024, 'id-ID')).toBe('300 KB');
	});
});
