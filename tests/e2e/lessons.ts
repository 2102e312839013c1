import { readdirSync } from 'node:fs';

/** Every lesson of every course, as `{course}/{lesson}` addresses, read from the course folders. */
export function allLessons(): { course: string; lesson: string }[] {
	const strip = (name: string) => name.replace(/^\d+-/, '').replace(/\.md$/, '');
	return readdirSync('courses', { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.sort((a, b) => a.name.localeCompare(b.name))
		.flatMap((dir) =>
			readdirSync(`courses/${dir.name}`)
				.filter((f) => /^\d+-.+\.md$/.test(f))
				.sort()
				.map((f) => ({ course: strip(dir.name), lesson: strip(f) }))
		);
}
