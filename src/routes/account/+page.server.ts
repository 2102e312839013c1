import { fail } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { formatPhone } from '$lib/contact';
import { changePassword } from '$lib/server/auth/accounts';
import { clientAddress, requireUser } from '$lib/server/auth/guard';
import { startSession } from '$lib/server/auth/login';
import { LIMITS, consume, retryAfterSeconds } from '$lib/server/auth/rate-limit';
import {
	getBusiness,
	readBusinessForm,
	saveBusiness,
	toForm,
	validateBusiness
} from '$lib/server/business';
import { badgesFor } from '$lib/server/badges/award';
import { cohortsJoinedBy } from '$lib/server/cohorts';
import { db, table } from '$lib/server/db';
import { saveLink, savePhoto, saveText } from '$lib/server/evidence/store';
import { findTier } from '$lib/server/tiers/rules';
import { tierNotices } from '$lib/server/tiers/notices';
import { submitForReview } from '$lib/server/tiers/review';
import { noticeView } from '$lib/tiers/changes';
import { currentAndNext, tierStatus } from '$lib/server/tiers/status';
import { appliesTo } from '$lib/server/content/tier-model';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const [row] = await db
		.select({ phone: table.user.phone, email: table.user.email })
		.from(table.user)
		.where(eq(table.user.id, user.id));
	const business = await getBusiness(user.id);
	const tiers = await tierStatus(user.id, business);
	const badges = await badgesFor(user.id, business?.id);
	return {
		contact: row?.phone ? formatPhone(row.phone) : (row?.email ?? ''),
		business: toForm(business),
		businessId: business?.id ?? null,
		tiers,
		...currentAndNext(tiers),
		notices: (await tierNotices(business)).map(noticeView),
		badges: badges.map((b) => ({
			id: b.id,
			name: b.name,
			kind: b.kind,
			achievement: b.achievement,
			awardedAt: b.awardedAt,
			revoked: !!b.revokedAt
		})),
		cohorts: await cohortsJoinedBy(user.id),
		welcome: event.url.searchParams.has('welcome')
	};
};

export const actions: Actions = {
	business: async (event) => {
		const user = requireUser(event);
		const input = readBusinessForm(await event.request.formData());
		const result = validateBusiness(input);
		if ('errors' in result) return fail(400, { business: input, businessErrors: result.errors });
		await saveBusiness(user.id, result.value);
		return { businessSaved: true };
	},
	/** Tier evidence: a photo, a link or a number, for one item of the next tier. */
	evidence: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const tier = findTier(String(form.get('tier') ?? ''));
		const item = tier?.evidence.find((e) => e.id === String(form.get('item') ?? ''));
		if (!tier || !item || item.kind === 'profile')
			return fail(400, { evidenceError: 'item_unknown' });
		const business = await getBusiness(user.id);
		if (!business) return fail(400, { evidenceError: 'no_business', evidenceItem: item.id });
		// Evidence for the other kind of business (a food label from a batik maker) is not asked.
		if (!appliesTo(item, business.productKind)) return fail(400, { evidenceError: 'item_unknown' });
		if (item.kind === 'photo') {
			const wait = await consume([
				[`upload:user:${user.id}`, LIMITS.uploadPerUser],
				[`upload:address:${clientAddress(event)}`, LIMITS.uploadPerAddress]
			]);
			if (wait > 0) {
				event.setHeaders({ 'retry-after': retryAfterSeconds(wait) });
				return fail(429, { evidenceError: 'too_many_requests', evidenceItem: item.id });
			}
		}
		const key = { businessId: business.id, tier: tier.id, item: item.id };
		const error =
			item.kind === 'photo'
				? await savePhoto(key, form.get('file') instanceof File ? (form.get('file') as File) : null)
				: item.kind === 'link'
					? await saveLink(key, String(form.get('value') ?? ''))
					: await saveText(key, String(form.get('value') ?? ''));
		if (error) return fail(400, { evidenceError: error, evidenceItem: item.id });
		return { evidenceSaved: item.id };
	},
	review: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const error = await submitForReview(user.id, String(form.get('tier') ?? ''));
		if (error) return fail(400, { reviewError: error });
		return { reviewSubmitted: true };
	},
	password: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const result = await changePassword(
			user.id,
			String(form.get('current') ?? ''),
			String(form.get('password') ?? ''),
			String(form.get('confirm') ?? '')
		);
		if ('errors' in result) return fail(400, { passwordErrors: result.errors });
		// All sessions were ended, this one included; keep this device signed in with a new one.
		await startSession(event.cookies, user.id, event.url);
		return { passwordChanged: true };
	}
};
