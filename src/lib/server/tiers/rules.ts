import { ContentProblems, type Course } from '$lib/server/content/catalog-model';
import { listCourses } from '$lib/server/content/catalog';
import { parseTiers, type TierRule } from '$lib/server/content/tier-model';

const source = Object.values(
	import.meta.glob('/courses/tiers.yaml', { query: '?raw', import: 'default', eager: true })
)[0] as string;

const parsed = parseTiers('courses/tiers.yaml', source);
if (!parsed.tiers) throw new ContentProblems(parsed.problems);
const tiers = parsed.tiers;

export type Tier = TierRule & { courses: Pick<Course, 'slug' | 'title'>[] };

/** The tiers in order, each with the courses that count toward it (from each course's `tier:`). */
export function listTiers(): Tier[] {
	return tiers.map((t) => ({
		...t,
		courses: listCourses()
			.filter((c) => c.tier === t.id)
			.map((c) => ({ slug: c.slug, title: c.title }))
	}));
}

export function findTier(id: string): Tier | undefined {
	return listTiers().find((t) => t.id === id);
}
