import type { Course } from '$lib/server/content/catalog';
import { progressByCourse } from '$lib/server/progress';
import { quizStatusByCourse } from '$lib/server/quiz/attempts';

/** The catalogue as a learner sees it: each course with how far they are, and what comes next. */
export async function coursesWithProgress(courses: Course[], userId: string | undefined) {
	const progress = userId ? await progressByCourse(userId) : new Map<string, Set<string>>();
	const quizzes = userId ? await quizStatusByCourse(userId) : new Map();
	return courses.map((course) => {
		const done = progress.get(course.slug) ?? new Set<string>();
		const next = course.lessons.find((l) => !done.has(l.slug));
		return {
			slug: course.slug,
			title: course.title,
			summary: course.summary,
			category: course.category,
			minutes: course.minutes,
			badge: course.badge,
			lessonCount: course.lessons.length,
			done: course.lessons.filter((l) => done.has(l.slug)).length,
			next: next ? { slug: next.slug, title: next.title } : null,
			quiz: quizzes.get(course.slug) ?? null
		};
	});
}

export type CourseCard = Awaited<ReturnType<typeof coursesWithProgress>>[number];
