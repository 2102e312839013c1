import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkCourses } from './check';
import { checkPractice } from './lesson-checks';

const DIR = 'tests/fixtures/broken-courses';
const A = `${DIR}/01-kursus-rusak`;

describe('courses:check on a folder with every kind of mistake', () => {
	const messages = checkCourses(DIR).map((p) => p.message);

	it.each([
		[`${A}/course.md:2: badge: wajib diisi`],
		[`${A}/course.md:4: category: harus salah satu dari: manajemen, pemasaran, kemasan, legalitas`],
		[`${A}/01-pelajaran-b.md:1: nomor urut 01 sudah dipakai 01-pelajaran-a.md`],
		[
			`${A}/02-pelajaran-c.md:3: YAML tidak valid: Flow sequence in block collection must be sufficiently indented and end with a ]`
		],
		[`${A}/01-pelajaran-a.md:12: komponen <Kuis> tidak dikenal (yang ada: Practice)`],
		[
			`${A}/01-pelajaran-a.md:14: gambar ./gambar-ada.svg: teks alternatif (alt) wajib diisi, untuk pembaca layar`
		],
		[`${A}/01-pelajaran-a.md:16: gambar ./tidak-ada.svg tidak ditemukan di folder kursus`],
		[
			`${A}/01-pelajaran-a.md:18: tanda { tidak boleh ada di teks pelajaran (Svelte membacanya sebagai kode); tulis dengan kata-kata`
		],
		[`${A}/01-pelajaran-a.md:20: tautan /courses/tidak-ada/apa-saja tidak menuju halaman yang ada`],
		[
			`${A}/01-pelajaran-a.md:22: <Practice>: harus ada tepat satu pilihan correct: true (sekarang 2)`
		],
		[`${A}/01-pelajaran-a.md:22: <Practice>: pilihan 2 tidak punya explanation (penjelasan)`],
		[`${A}/quiz.yaml:3: kuis minimal 8 pertanyaan (sekarang 4)`],
		[`${A}/quiz.yaml:9: pertanyaan "satu": jawaban "c" tidak ada di pilihan (a, b)`],
		[`${A}/quiz.yaml:11: id "satu" dipakai dua kali`],
		[
			`${A}/quiz.yaml:19: pertanyaan 3 → answer: harus berupa angka, tanpa Rp dan titik ribuan (misalnya 12500)`
		],
		[`${A}/quiz.yaml:22: pertanyaan 4 → kind: kind harus single, multiple, truefalse atau numeric`],
		[`${DIR}/02-tanpa-kuis/quiz.yaml:1: kuis kursus (quiz.yaml) belum ada`],
		[
			`${DIR}/tiers.yaml:16: tiers → 1 → evidence → 0 → kind: kind harus profile, photo, link atau text`
		]
	])('reports %s', (message) => {
		expect(messages).toContain(message);
	});

	it('reports them all at once, in file and line order', () => {
		expect(messages.length).toBe(19);
	});
});

describe('checkPractice', () => {
	it('accepts a well-formed question', () => {
		expect(
			checkPractice(`<Practice question="Q?" options={[
				{ text: 'a', correct: true, explanation: 'Benar.' },
				{ text: 'b', explanation: 'Belum tepat.' }
			]} />`)
		).toEqual([]);
	});
	it('refuses options computed by code, which it cannot check', () => {
		expect(checkPractice('<Practice question="Q?" options={pilihan} />')).toEqual([
			'<Practice>: options harus berupa daftar, misalnya options={[ … ]}'
		]);
	});
});

describe('npm run courses:check', () => {
	it('passes on the shipped courses', () => {
		const out = execFileSync('npx', ['tsx', 'scripts/courses-check.ts'], { encoding: 'utf8' });
		expect(out).toContain('semua materi lolos pemeriksaan');
	});

	it('fails with exit code 1 and every problem on the broken fixtures', () => {
		let status = 0;
		let stderr = '';
		try {
			execFileSync('npx', ['tsx', 'scripts/courses-check.ts', DIR], {
				encoding: 'utf8',
				stdio: 'pipe'
			});
		} catch (e) {
			({ status, stderr } = e as { status: number; stderr: string });
		}
		expect(status).toBe(1);
		expect(stderr).toContain(`${A}/quiz.yaml:9: pertanyaan "satu"`);
		expect(stderr).toContain('19 masalah');
	});
});
