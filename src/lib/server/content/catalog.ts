import { buildCatalog, type Course } from './catalog-model';

// Raw text, so frontmatter is checked here with file:line, once, when the server starts.
const files = import.meta.glob('/courses/*/*.md', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

const courses: Course[] = buildCatalog(files);

export function listCourses(): Course[] {
	return courses;
}

export function findCourse(slug: string): Course | undefined {
	return courses.find((c) => c.slug === slug);
}

export function findLesson(courseSlug: string, lessonSlug: string) {
	const course = findCourse(courseSlug);
	const lesson = course?.lessons.find((l) => l.slug === lessonSlug);
	return course && lesson ? { course, lesson } : undefined;
}

export type { Course, Lesson } from './catalog-model';
