import * as v from 'valibot';
import { isIsoDay } from '$lib/server/content/freshness';
import { cleanText } from '$lib/server/text';

export const NOTICE_MAX = 600;

const Notice = v.object({
	text: v.pipe(
		v.string(),
		v.transform((s) => cleanText(s)),
		v.minLength(1, 'empty'),
		v.maxLength(NOTICE_MAX, 'long')
	),
	day: v.pipe(
		v.string(),
		v.check((s: string) => isIsoDay(s), 'day')
	)
});

/** What is wrong, as a code the page turns into a message in the learner's language. */
export type NoticeErrors = { text?: 'empty' | 'long'; day?: 'day' };

/** The admin's notice form: the notice, or the values to show again with what is wrong. */
export function readNoticeForm(form: FormData) {
	const values = {
		text: String(form.get('text') ?? '').slice(0, NOTICE_MAX * 4),
		day: String(form.get('day') ?? '')
	};
	const result = v.safeParse(Notice, values);
	if (result.success) return { notice: result.output, values };
	const errors: NoticeErrors = {};
	for (const issue of result.issues) {
		const key = issue.path?.[0]?.key as 'text' | 'day' | undefined;
		if (key === 'text' && !errors.text) errors.text = issue.message as 'empty' | 'long';
		if (key === 'day') errors.day = 'day';
	}
	return { values, errors };
}
