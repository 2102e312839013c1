import { credentialResponse } from '$lib/server/badges/credential-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url }) =>
	credentialResponse(params.id, url.searchParams.has('download'));
