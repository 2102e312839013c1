import { fail } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { formatPhone } from '$lib/contact';
import { resetToOneTimeCode } from '$lib/server/auth/one-time';
import { membersOf, participantOf, rotateJoinCode, setJoinOpen } from '$lib/server/cohorts';
import { findCourse } from '$lib/server/content/catalog';
import { publicAddress } from '$lib/server/host';
import { trainerCohort } from '$lib/server/trainer/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user, cohort } = await trainerCohort(event);
	const address = publicAddress(event.url);
	const base = address.base;
	const joinUrl = `${base}/join/${cohort.joinCode}`;
	const members = await membersOf(cohort.id);
	return {
		cohort: {
			id: cohort.id,
			name: cohort.name,
			venue: cohort.venue,
			kecamatan: cohort.kecamatan,
			sessionDates: cohort.sessionDates,
			joinCode: cohort.joinCode,
			joinOpen: cohort.joinOpen,
			courses: cohort.courses.map((slug) => ({ slug, title: findCourse(slug)?.title ?? slug }))
		},
		isAdmin: user.role === 'admin',
		address,
		joinUrl,
		loginUrl: `${base}/login`,
		qrSvg: await QRCode.toString(joinUrl, { type: 'svg', margin: 1 }),
		members: members.map((mb) => ({
			id: mb.id,
			name: mb.name,
			phone: mb.phone ? formatPhone(mb.phone) : '',
			businessName: mb.businessName,
			waiting: mb.mustChangePassword,
			// A trainer or admin in the list (promoted since joining) is not the trainer's to reset.
			resettable: mb.role === 'learner'
		}))
	};
};

export const actions: Actions = {
	rotate: async (event) => {
		const { cohort } = await trainerCohort(event);
		await rotateJoinCode(cohort.id);
		return { codeChanged: true };
	},
	close: async (event) => {
		const { cohort } = await trainerCohort(event);
		await setJoinOpen(cohort.id, false);
		return { codeClosed: true };
	},
	open: async (event) => {
		const { cohort } = await trainerCohort(event);
		await setJoinOpen(cohort.id, true);
		return { codeOpened: true };
	},
	reset: async (event) => {
		const { cohort } = await trainerCohort(event);
		const memberId = String((await event.request.formData()).get('member') ?? '');
		// The id comes from the page: only a learner in this cohort may be reset from here.
		const member = await participantOf(cohort.id, memberId);
		if (!member) return fail(404, { resetMissing: true });
		const code = await resetToOneTimeCode(memberId);
		return {
			reset: {
				name: member.name,
				phone: member.phone ? formatPhone(member.phone) : '',
				code
			}
		};
	}
};
