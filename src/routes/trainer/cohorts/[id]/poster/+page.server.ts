import QRCode from 'qrcode';
import { publicBaseUrl } from '$lib/server/public-url';
import { trainerCohort } from '$lib/server/trainer/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { cohort } = await trainerCohort(event);
	const base = publicBaseUrl(event.url);
	const joinUrl = `${base}/join/${cohort.joinCode}`;
	return {
		cohort: { id: cohort.id, name: cohort.name, joinCode: cohort.joinCode, open: cohort.joinOpen },
		joinUrl,
		shortUrl: `${base.replace(/^https?:\/\//, '')}/join`,
		qrSvg: await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
	};
};
