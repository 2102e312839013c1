import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { exportPersonalData } from '$lib/server/personal-data/export';
import { publicBaseUrl } from '$lib/server/public-url';
import type { RequestHandler } from './$types';

/** All of the signed-in person's data as one JSON file (UU 27/2022: the right of access). */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const data = await exportPersonalData(user.id, publicBaseUrl(event.url));
	if (!data) error(404, 'not found');
	const day = data.exportedAt.slice(0, 10);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="naik-kelas-data-saya-${day}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
