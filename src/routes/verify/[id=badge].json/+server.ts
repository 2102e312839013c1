import { credentialResponse } from '$lib/server/badges/credential-response';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => credentialResponse(params.id);
