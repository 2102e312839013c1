import { buildCatalog, type Course } from './catalog-model';
import { lessonSources, type Source } from './freshness';

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

/**
 * What a lesson page (on our site or in a partner's frame) sends to the browser about where the
 * lesson sits in its course; nothing more, since every field is bytes on a learner's phone.
 */
export function lessonPlace(courseSlug: string, lessonSlug: string) {
	const found = findLesson(courseSlug, lessonSlug);
	if (!found) return undefined;
	const { course, lesson } = found;
	const link = (i: number) => {
		const l = course.lessons[i];
		return l ? { slug: l.slug, title: l.title } : null;
	};
	return {
		found,
		course: { slug: course.slug, title: course.title, lessonCount: course.lessons.length },
		lesson: {
			slug: lesson.slug,
			file: lesson.file,
			title: lesson.title,
			minutes: lesson.minutes,
			index: lesson.index,
			reviewed: lesson.reviewed ?? null
		},
		prev: link(lesson.index - 1),
		next: link(lesson.index + 1)
	};
}

export type { Course, Lesson } from './catalog-model';

/** The items of a lesson's "## Sumber" section (for PKK's review list), read from its file. */
export function lessonSourceList(file: string): Source[] {
	const text = files[file];
	return text ? lessonSources(text) : [];
}
