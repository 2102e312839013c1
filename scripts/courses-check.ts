// `npm run courses:check [folder] [--strict]`: every content problem at once, as
// file:line: what is wrong; then lessons due for review (warnings; errors with --strict).
import { checkCourses, checkFreshness } from '../src/lib/server/content/check.ts';

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const dir = args.find((a) => !a.startsWith('--')) ?? 'courses';
const problems = checkCourses(dir);
const warnings = checkFreshness(dir);
for (const w of warnings) console.warn(`peringatan: ${w.message}`);
if (problems.length) {
	for (const p of problems) console.error(p.message);
	console.error(`\n${problems.length} masalah di ${dir}/. Perbaiki dulu, lalu jalankan lagi.`);
	process.exit(1);
}
if (warnings.length && strict) {
	console.error(
		`\n${warnings.length} pelajaran perlu diperiksa ulang (--strict). Periksa aturan dan sumbernya, lalu perbarui reviewed:.`
	);
	process.exit(1);
}
console.log(
	warnings.length
		? `${dir}/: semua materi lolos pemeriksaan; ${warnings.length} pelajaran perlu diperiksa ulang.`
		: `${dir}/: semua materi lolos pemeriksaan, dan semuanya masih dalam masa berlaku.`
);
