import { formatPhone } from '$lib/contact';
import { toCsv, type Cell } from '$lib/server/export/csv';
import type { Cohort } from '$lib/server/db/schema';
import { membersOf } from '$lib/server/cohorts';
import { attendanceOf } from './attendance';
import { progressGrid } from './progress-grid';

// Column names in Indonesian: the files go into the Dinas activity report as they are.
const CELL: Record<string, string> = { '1': 'selesai', P: 'lulus', F: 'belum lulus', '0': '' };

/** One row per participant, one column per lesson and quiz, and their total. */
export async function progressCsv(cohort: Cohort) {
	const [grid, members] = await Promise.all([progressGrid(cohort), membersOf(cohort.id)]);
	const byId = new Map(members.map((m) => [m.id, m]));
	const header = [
		'Nama',
		'Nomor HP',
		'Usaha',
		'Desa',
		...grid.columns.map((c) => (c.kind === 'quiz' ? `Kuis: ${c.courseTitle}` : c.title)),
		`Selesai (dari ${grid.columns.length})`
	];
	const rows: Cell[][] = grid.rows.map((row) => {
		const member = byId.get(row.id);
		return [
			row.name,
			member?.phone ? formatPhone(member.phone) : '',
			row.business,
			member?.desa ?? '',
			...[...row.cells].map((c) => CELL[c]),
			row.done
		];
	});
	return toCsv(header, rows);
}

/** One row per participant, one column per session day, and how many days they came. */
export async function attendanceCsv(cohort: Cohort) {
	const [members, records] = await Promise.all([membersOf(cohort.id), attendanceOf(cohort.id)]);
	const seen = new Map(records.map((r) => [`${r.userId} ${r.date}`, r.method]));
	const header = ['Nama', 'Nomor HP', 'Usaha', 'Desa', ...cohort.sessionDates, 'Jumlah hadir'];
	const rows: Cell[][] = members.map((m) => {
		const days = cohort.sessionDates.map((date) => seen.get(`${m.id} ${date}`));
		return [
			m.name,
			m.phone ? formatPhone(m.phone) : '',
			m.businessName ?? '',
			m.desa ?? '',
			...days.map((how) => (how === 'qr' ? 'hadir (QR)' : how === 'trainer' ? 'hadir' : '')),
			days.filter(Boolean).length
		];
	});
	return toCsv(header, rows);
}
