import { describe, expect, it } from 'vitest';
import { listTiers } from './rules';
import { appliesTo, evidenceOrderProblems, parseTiers } from '$lib/server/content/tier-model';
import { validateBusiness, readBusinessForm } from '$lib/server/business';

// A batik or teak-craft maker reaches every tier by a route of its own: never asked for
// SPP-IRT, halal or a food label; and no tier asks for evidence before the course teaching it.

const asked = (kind: 'pangan' | 'kerajinan' | null) =>
	listTiers().map((t) => t.evidence.filter((e) => appliesTo(e, kind)).map((e) => e.id));

describe('the tier routes by product kind', () => {
	it('asks a craft maker for no food permit, halal number or food label at any tier', () => {
		const all = asked('kerajinan').flat();
		expect(all).not.toContain('spp-irt');
		expect(all).not.toContain('halal');
		expect(all).not.toContain('label');
		expect(all).toContain('label-kerajinan');
		// Every tier still asks something of a craft maker: an equivalent route, not a free pass.
		for (const ids of asked('kerajinan')) expect(ids.length).toBeGreaterThan(0);
	});

	it('asks a food maker, and one who has not said yet, for SPP-IRT, halal and the food label', () => {
		for (const kind of ['pangan', null] as const) {
			const all = asked(kind).flat();
			expect(all).toEqual(expect.arrayContaining(['spp-irt', 'halal', 'label']));
			expect(all).not.toContain('label-kerajinan');
		}
	});

	it('never asks for evidence before a course of that tier or an earlier one teaches it', () => {
		const tiers = listTiers();
		tiers.forEach((tier, i) => {
			const taughtBy = tiers.slice(0, i + 1).flatMap((t) => t.courses.map((c) => c.slug));
			for (const e of tier.evidence) expect(taughtBy, `${tier.id}: ${e.id}`).toContain(e.taught_in);
		});
	});

	it('courses:check names the line of evidence asked before it is taught', () => {
		const yaml = `tiers:
  - id: rintisan
    name: R
    summary: S
    evidence:
      - id: nib
        kind: profile
        field: nib
        label: NIB
        taught_in: legalitas
  - id: siap-komersial
    name: K
    summary: S
    evidence: []
  - id: siap-pasar-modern
    name: M
    summary: S
    evidence: []
`;
		const { tiers, lineAt } = parseTiers('tiers.yaml', yaml);
		const courses = [
			{ slug: 'manajemen', tier: 'rintisan' },
			{ slug: 'legalitas', tier: 'siap-komersial' }
		];
		expect(
			evidenceOrderProblems('tiers.yaml', tiers!, courses, lineAt).map((p) => p.message)
		).toEqual([
			'tiers.yaml:10: bukti nib diminta di tingkat rintisan, padahal kursus legalitas yang mengajarkannya baru di tingkat siap-komersial'
		]);
		expect(
			evidenceOrderProblems('tiers.yaml', tiers!, [{ slug: 'x', tier: 'rintisan' }], lineAt).map(
				(p) => p.message
			)
		).toEqual(['tiers.yaml:10: bukti nib: kursus legalitas tidak ada']);
	});
});

describe('the product kind on the business profile', () => {
	const form = (productKind: string) => {
		const f = new FormData();
		f.set('name', 'Batik Sekar Jati');
		f.set('kecamatan', 'Kasiman');
		f.set('productKind', productKind);
		return readBusinessForm(f);
	};
	it('keeps pangan, kerajinan, or nothing chosen', () => {
		expect(validateBusiness(form('kerajinan'))).toMatchObject({
			value: { productKind: 'kerajinan' }
		});
		expect(validateBusiness(form(''))).toMatchObject({ value: { productKind: null } });
	});
	it('refuses anything else with a reason', () => {
		expect(validateBusiness(form('senjata'))).toEqual({
			errors: { productKind: 'product_kind_invalid' }
		});
	});
});
