import { listCourses, lessonSourceList } from '$lib/server/content/catalog';
import { freshness } from '$lib/server/content/freshness';
import { activeNotices } from '$lib/server/notices/store';

/** Every lesson with its review state, its sources and whether a notice is up; due ones first. */
export async function lessonReviews(today = new Date().toISOString().slice(0, 10)) {
	const notices = await activeNotices();
	const rows = listCourses().flatMap((course) =>
		course.lessons.map((lesson) => {
			const state = freshness(lesson.reviewed, lesson.reviewBy, today);
			return {
				course: { slug: course.slug, title: course.title },
				lesson: { slug: lesson.slug, title: lesson.title },
				status: state.status,
				reviewed: state.status === 'missing' ? null : state.reviewed,
				reviewBy: state.status === 'missing' ? null : state.reviewBy,
				sources: lessonSourceList(lesson.file),
				notice: notices.get(`${course.slug}/${lesson.slug}`) ?? null
			};
		})
	);
	const rank = { missing: 0, due: 1, ok: 2 } as const;
	return rows.sort(
		(a, b) => rank[a.status] - rank[b.status] || (a.reviewBy ?? '').localeCompare(b.reviewBy ?? '')
	);
}

export type LessonReview = Awaited<ReturnType<typeof lessonReviews>>[number];
