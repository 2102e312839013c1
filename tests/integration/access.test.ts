import { beforeAll, describe, expect, it } from 'vitest';
import { canReview, canSeeEvidence } from '$lib/server/access';
import { registerUser } from '$lib/server/auth/accounts';
import { createCohort, join } from '$lib/server/cohorts';
import { ensureDatabase } from '$lib/server/db';

type Viewer = { id: string; name: string; role: 'learner' | 'trainer' | 'admin' };
const people: Record<string, Viewer> = {};

beforeAll(async () => {
	await ensureDatabase();
	const make = async (key: string, role: Viewer['role'], n: number) => {
		const r = await registerUser(
			{
				name: key,
				contact: `0812 4444 ${1000 + n}`,
				password: 'sandi yang cukup kuat',
				confirm: 'sandi yang cukup kuat'
			},
			role
		);
		people[key] = { id: r.user!.id, name: key, role };
	};
	await make('learner', 'learner', 1);
	await make('otherLearner', 'learner', 2);
	await make('trainer', 'trainer', 3);
	await make('otherTrainer', 'trainer', 4);
	await make('admin', 'admin', 5);
	const cohort = await createCohort(people.trainer.id, 'Bimtek Kapas');
	await join(cohort.id, people.learner.id);
	await join(cohort.id, people.trainer.id); // a trainer in their own cohort still cannot judge themselves
});

describe('who may review a learner’s evidence', () => {
	it.each([
		['the trainer of the learner’s cohort', 'trainer', true],
		['an admin', 'admin', true],
		['another trainer', 'otherTrainer', false],
		['another learner', 'otherLearner', false],
		['the learner themselves', 'learner', false]
	])('%s: %s', async (_, who, expected) => {
		expect(await canReview(people[who], people.learner.id)).toBe(expected);
	});

	it('nobody endorses their own evidence, not even a trainer', async () => {
		expect(await canReview(people.trainer, people.trainer.id)).toBe(false);
	});

	it('the owner may see their evidence; strangers and signed-out visitors may not', async () => {
		expect(await canSeeEvidence(people.learner, people.learner.id)).toBe(true);
		expect(await canSeeEvidence(people.otherLearner, people.learner.id)).toBe(false);
		expect(await canSeeEvidence(null, people.learner.id)).toBe(false);
	});
});
