/**
 * A quiz draft kept on this phone (localStorage) until the quiz is sent: a learner who leaves
 * to re-read a lesson, or taps the bottom bar by mistake, finds their answers again. One per
 * course and account (a guest's under "guest"), so the next person on a shared phone does not
 * see them; sending the quiz removes it.
 */
export type Draft = Record<string, string[]>;

const key = (course: string, user: string | null) =>
	`naik-kelas:quiz-draft:${course}:${user ?? 'guest'}`;

/** The answers a form holds now, by question id. */
export function answersOf(form: HTMLFormElement): Draft {
	const answers: Draft = {};
	for (const [name, value] of new FormData(form))
		if (name.startsWith('q.') && String(value).trim()) (answers[name.slice(2)] ??= []).push(String(value));
	return answers;
}

export function saveDraft(course: string, user: string | null, answers: Draft) {
	try {
		if (Object.keys(answers).length) localStorage.setItem(key(course, user), JSON.stringify(answers));
		else localStorage.removeItem(key(course, user));
	} catch {
		// Storage full or refused (private mode): the quiz still works, only without a draft.
	}
}

export function loadDraft(course: string, user: string | null): Draft | null {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(key(course, user)) ?? 'null');
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
		const draft: Draft = {};
		for (const [id, values] of Object.entries(parsed))
			if (Array.isArray(values)) draft[id] = values.map(String);
		return Object.keys(draft).length ? draft : null;
	} catch {
		return null;
	}
}

/** After the quiz is sent: the account's draft and the one kept before signing in. */
export function clearDraft(course: string, user: string | null) {
	try {
		localStorage.removeItem(key(course, user));
		localStorage.removeItem(key(course, null));
	} catch {
		// Nothing kept, nothing to remove.
	}
}

/** Puts a draft's answers back into the form's fields. Returns whether any was put back. */
export function restoreDraft(form: HTMLFormElement, draft: Draft) {
	let restored = false;
	for (const input of form.querySelectorAll<HTMLInputElement>('input[name^="q."]')) {
		const given = draft[input.name.slice(2)];
		if (!given) continue;
		if (input.type === 'radio' || input.type === 'checkbox') input.checked = given.includes(input.value);
		else input.value = given[0] ?? '';
		restored = true;
	}
	return restored;
}
