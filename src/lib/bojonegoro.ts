/**
 * The 28 kecamatan of Kabupaten Bojonegoro (BPS; see ../shared/content/facts.md §5).
 * Gondang and Sukosewu are listed by the Pemkab and BPS though the fact sheet's sources did not show them.
 */
export const KECAMATAN = [
	'Balen',
	'Baureno',
	'Bojonegoro',
	'Bubulan',
	'Dander',
	'Gayam',
	'Gondang',
	'Kalitidu',
	'Kanor',
	'Kapas',
	'Kasiman',
	'Kedewan',
	'Kedungadem',
	'Kepohbaru',
	'Malo',
	'Margomulyo',
	'Ngambon',
	'Ngasem',
	'Ngraho',
	'Padangan',
	'Purwosari',
	'Sekar',
	'Sugihwaras',
	'Sukosewu',
	'Sumberrejo',
	'Tambakrejo',
	'Temayang',
	'Trucuk'
] as const;

export type Kecamatan = (typeof KECAMATAN)[number];

export function isKecamatan(value: string): value is Kecamatan {
	return (KECAMATAN as readonly string[]).includes(value);
}
