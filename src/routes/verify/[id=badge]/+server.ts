import { credentialResponse } from '$lib/server/badges/credential-response';
import type { RequestHandler } from './$types';

// Browsers asking for HTML get the page; everyone else (Accept: application/json) the credential.
export const GET: RequestHandler = ({ params }) => credentialResponse(params.id);
