import { m } from '$lib/paraglide/messages';
import type { Change } from '$lib/server/tiers/basis';
import type { TierNotice } from '$lib/server/tiers/notices';

/** One requirement that is no longer met, in the reader's language. */
export function changeText(c: Pick<Change, 'label' | 'what' | 'reason'>) {
	switch (c.what) {
		case 'course_revoked':
			return c.reason
				? m.tier_change_course_revoked({ course: c.label, reason: c.reason })
				: m.tier_change_course_revoked_plain({ course: c.label });
		case 'course_missing':
			return m.tier_change_course_missing({ course: c.label });
		case 'profile_removed':
			return m.tier_change_profile_removed({ item: c.label });
		default:
			return m.tier_change_evidence_removed({ item: c.label });
	}
}

/** The reason a trainer sends back a review whose requirements changed: prefilled, editable. */
export function returnNote(changes: Pick<Change, 'label' | 'what' | 'reason'>[]) {
	return m.review_return_prefill({ changes: changes.map(changeText).join('; ') });
}

/** A tier notice as the page needs it: the changes already in words. */
export function noticeView(n: TierNotice) {
	return {
		kind: n.kind,
		tier: n.tier,
		tierName: n.tierName,
		date: n.date,
		note: n.note,
		badgeId: n.badgeId,
		changes: n.changes.map(changeText).join('; ')
	};
}
export type NoticeView = ReturnType<typeof noticeView>;
