import { fail } from '@sveltejs/kit';
import { stringify } from 'csv-stringify/sync';
import { formatPhone } from '$lib/contact';
import { retryAfterSeconds } from '$lib/server/auth/rate-limit';
import { publicBaseUrl } from '$lib/server/public-url';
import { importParticipants } from '$lib/server/trainer/bulk-import';
import { trainerCohort } from '$lib/server/trainer/guard';
import {
	MAX_BYTES,
	decodeUpload,
	parseParticipantCsv,
	type Encoding,
	type ParticipantRow
} from '$lib/server/trainer/participant-csv';
import type { Actions, PageServerLoad } from './$types';

const TYPED_ROWS = 5;

export const load: PageServerLoad = async (event) => {
	const { cohort } = await trainerCohort(event);
	return {
		cohort: { id: cohort.id, name: cohort.name },
		loginUrl: `${publicBaseUrl(event.url)}/login`,
		typedRows: TYPED_ROWS
	};
};

/** Rows typed into the small table: numbered after any file or pasted rows, as "baris ketik 1". */
function typedRows(form: FormData) {
	const rows: ParticipantRow[] = [];
	for (let i = 0; i < TYPED_ROWS; i++) {
		const cell = (k: string) =>
			String(form.get(`${k}${i}`) ?? '')
				.trim()
				.slice(0, 300);
		const row = {
			line: 1000 + i + 1,
			name: cell('name'),
			phone: cell('phone'),
			businessName: cell('business'),
			desa: cell('desa')
		};
		if (row.name || row.phone || row.businessName || row.desa) rows.push(row);
	}
	return rows;
}

export const actions: Actions = {
	default: async (event) => {
		const { user, cohort } = await trainerCohort(event);
		const form = await event.request.formData();
		const pasted = String(form.get('csv') ?? '');
		const file = form.get('file');
		const typed = typedRows(form);
		// What the page shows back when something must be corrected.
		const values = {
			csv: pasted.slice(0, MAX_BYTES),
			typed: typed.map((r) => ({ ...r }))
		};

		let text = pasted;
		let encoding: Encoding = 'utf-8';
		if (file instanceof File && file.size > 0) {
			if (file.size > MAX_BYTES) return fail(400, { values, problem: 'csv_too_big' as const });
			({ text, encoding } = decodeUpload(new Uint8Array(await file.arrayBuffer())));
		} else if (pasted.length > MAX_BYTES)
			return fail(400, { values, problem: 'csv_too_big' as const });

		let rows: ParticipantRow[] = [];
		if (text.trim()) {
			const parsed = parseParticipantCsv(text);
			if (parsed.problem)
				return fail(400, { values, problem: parsed.problem, found: parsed.found, encoding });
			rows = parsed.rows;
		}
		rows.push(...typed);
		if (!rows.length) return fail(400, { values, problem: 'nothing' as const });

		const { created, refused, retryAfterMs } = await importParticipants(cohort, rows, user.id);
		if (retryAfterMs > 0) {
			event.setHeaders({ 'retry-after': retryAfterSeconds(retryAfterMs) });
			return fail(429, { values, problem: 'too_many_imports' as const });
		}
		const result = {
			encoding,
			// The refused rows, ready to correct in the paste box and send again.
			retry: refused.length
				? stringify(
						[
							['nama', 'hp', 'usaha', 'desa'],
							...refused.map((r) => [r.name, r.phone, r.businessName, r.desa])
						],
						{ delimiter: ';' }
					)
				: '',
			created: created.map((c) => ({ ...c, phone: formatPhone(c.phone) })),
			refused: refused.map((r) => ({
				line: r.line,
				name: r.name.slice(0, 100),
				phone: r.phone.slice(0, 40),
				problem: r.problem,
				sameAs: r.sameAs
			}))
		};
		// Nothing created: keep everything the trainer gave, to correct and send again.
		if (!created.length) return fail(400, { values, ...result });
		return result;
	}
};
