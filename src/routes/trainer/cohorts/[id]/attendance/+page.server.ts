import { fail, redirect } from '@sveltejs/kit';
import { membersOf } from '$lib/server/cohorts';
import { attendanceOf, setAttendance } from '$lib/server/trainer/attendance';
import { trainerCohort } from '$lib/server/trainer/guard';
import { dayOf } from '$lib/time';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { cohort } = await trainerCohort(event);
	const dates = cohort.sessionDates;
	const asked = event.url.searchParams.get('date');
	// The session of today when there is one, else the next, else the last.
	const today = dayOf();
	const date =
		asked && dates.includes(asked)
			? asked
			: (dates.find((d) => d === today) ?? dates.find((d) => d > today) ?? dates.at(-1) ?? null);
	const members = await membersOf(cohort.id);
	const records = date ? await attendanceOf(cohort.id, [date]) : [];
	const how = new Map(records.map((r) => [r.userId, r.method]));
	return {
		cohort: { id: cohort.id, name: cohort.name },
		dates,
		date,
		members: members.map((mb) => ({
			id: mb.id,
			name: mb.name,
			businessName: mb.businessName,
			present: how.get(mb.id) ?? null
		}))
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { cohort } = await trainerCohort(event);
		const form = await event.request.formData();
		const date = String(form.get('date') ?? '');
		if (!cohort.sessionDates.includes(date)) return fail(400, { dateUnknown: true });
		const members = (await membersOf(cohort.id)).map((mb) => mb.id);
		await setAttendance(cohort.id, date, members, form.getAll('present').map(String));
		redirect(303, `/trainer/cohorts/${cohort.id}/attendance?date=${date}&saved=1`);
	}
};
