import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { readFile } from 'node:fs/promises';
import { canSeeEvidence } from '$lib/server/access';
import { db, table } from '$lib/server/db';
import { findEvidence, photoPath } from '$lib/server/evidence/store';
import type { RequestHandler } from './$types';

/** An evidence photo, for its owner and those who may review it; a plain 404 for anyone else. */
export const GET: RequestHandler = async ({ params, locals }) => {
	if (!locals.user) error(404, 'not found');
	const [biz] = await db
		.select({ ownerId: table.business.ownerId })
		.from(table.business)
		.where(eq(table.business.id, params.business));
	if (!biz || !(await canSeeEvidence(locals.user, biz.ownerId))) error(404, 'not found');
	const row = await findEvidence({
		businessId: params.business,
		tier: params.tier,
		item: params.item
	});
	const path = row?.kind === 'photo' ? photoPath(row.value) : null;
	if (!row || !path || !row.mimeType) error(404, 'not found');
	return new Response(await readFile(path), {
		headers: {
			'content-type': row.mimeType,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox"
		}
	});
};
