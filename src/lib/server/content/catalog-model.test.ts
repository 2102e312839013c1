import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog, readingMinutes } from './catalog-model';

const course = `---
title: Manajemen Usaha
summary: Mengelola uang usaha kecil.
category: manajemen
tier: rintisan
minutes: 60
badge: Pengelola Usaha Rapi
---

Kursus pertama.

Paragraf kedua.
`;
const lesson = (title: string) =>
	`---\ntitle: ${title}\nsummary: Ringkas.\n---\n\nIsi pelajaran.\n`;

describe('buildCatalog', () => {
	it('orders courses and lessons by their number and drops it from the address', () => {
		const courses = buildCatalog({
			'/courses/02-kemasan/course.md': course.replace('Manajemen Usaha', 'Kemasan'),
			'/courses/02-kemasan/01-label.md': lesson('Label'),
			'/courses/01-manajemen-usaha/course.md': course,
			'/courses/01-manajemen-usaha/02-pembukuan-harian.md': lesson('Pembukuan harian'),
			'/courses/01-manajemen-usaha/01-pisahkan-uang.md': lesson('Pisahkan uang')
		});
		expect(courses.map((c) => c.slug)).toEqual(['manajemen-usaha', 'kemasan']);
		expect(courses[0].lessons.map((l) => [l.slug, l.index, l.file])).toEqual([
			['pisahkan-uang', 0, '/courses/01-manajemen-usaha/01-pisahkan-uang.md'],
			['pembukuan-harian', 1, '/courses/01-manajemen-usaha/02-pembukuan-harian.md']
		]);
		expect(courses[0]).toMatchObject({ title: 'Manajemen Usaha', tier: 'rintisan', minutes: 60 });
	});

	it('names the file and line of a bad frontmatter field', () => {
		const bad = course.replace('category: manajemen', 'category: masak');
		expect(() =>
			buildCatalog({
				'/courses/01-a/course.md': bad,
				'/courses/01-a/01-b.md': lesson('B')
			})
		).toThrow(/^courses\/01-a\/course\.md:4: category: harus salah satu dari/);
	});

	it('says which required field is missing', () => {
		const bad = course.replace('badge: Pengelola Usaha Rapi\n', '');
		expect(() =>
			buildCatalog({ '/courses/01-a/course.md': bad, '/courses/01-a/01-b.md': lesson('B') })
		).toThrow('courses/01-a/course.md:2: badge: wajib diisi');
	});

	it('reports broken YAML at its line', () => {
		expect(() =>
			buildCatalog({
				'/courses/01-a/course.md': course,
				'/courses/01-a/01-b.md': '---\ntitle: B\nsummary: [tidak ditutup\n---\nIsi\n'
			})
		).toThrow(/^courses\/01-a\/01-b\.md:3: YAML tidak valid/);
	});

	it('refuses a lesson file without its number, and a course without course.md', () => {
		expect(() =>
			buildCatalog({ '/courses/01-a/course.md': course, '/courses/01-a/label.md': lesson('L') })
		).toThrow('courses/01-a/label.md:1: nama file "label.md" harus berbentuk 01-nama-pelajaran.md');
		expect(() => buildCatalog({ '/courses/01-a/01-b.md': lesson('B') })).toThrow(
			'courses/01-a/course.md:1: file course.md tidak ada'
		);
	});

	it('estimates reading time from the prose, not from the question code', () => {
		const words = Array.from({ length: 540 }, () => 'kata').join(' ');
		const practice = `<Practice question="x" options={[${'{ text: "a b c d e", explanation: "f g h" },'.repeat(200)}]} />`;
		expect(readingMinutes(words)).toBe(3);
		expect(readingMinutes(`${words}\n\n${practice}`)).toBe(3);
	});
});

describe('the shipped courses', () => {
	it('load without a content error', () => {
		const files: Record<string, string> = {};
		for (const folder of readdirSync('courses', { withFileTypes: true })) {
			if (!folder.isDirectory()) continue;
			for (const name of readdirSync(join('courses', folder.name))) {
				if (name.endsWith('.md'))
					files[`/courses/${folder.name}/${name}`] = readFileSync(
						join('courses', folder.name, name),
						'utf8'
					);
			}
		}
		const courses = buildCatalog(files);
		const first = courses.find((c) => c.slug === 'manajemen-usaha');
		expect(first?.lessons.slice(0, 2).map((l) => l.slug)).toEqual([
			'pisahkan-uang-usaha',
			'pembukuan-harian'
		]);
	});
});
