// `npm run courses:check [folder]`: every content problem at once, as file:line: what is wrong.
import { checkCourses } from '../src/lib/server/content/check.ts';

const dir = process.argv[2] ?? 'courses';
const problems = checkCourses(dir);
if (problems.length) {
	for (const p of problems) console.error(p.message);
	console.error(`\n${problems.length} masalah di ${dir}/. Perbaiki dulu, lalu jalankan lagi.`);
	process.exit(1);
}
console.log(`${dir}/: semua materi lolos pemeriksaan.`);
