import * as v from 'valibot';

/** Required text with a length limit, with messages an author can act on. */
export const text = (max: number) =>
	v.pipe(
		v.string('harus berupa teks'),
		v.trim(),
		v.minLength(1, 'tidak boleh kosong'),
		v.maxLength(max, `paling panjang ${max} huruf`)
	);

/** An id that is also part of an address: lowercase words joined by dashes. */
export const slugId = v.pipe(
	v.string('harus berupa teks'),
	v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'hanya huruf kecil, angka dan tanda -')
);
