import { timeZone } from '$lib/time';
import type { LayoutServerLoad } from './$types';

// The server's zone (TIME_ZONE) goes to the browser, so both show a date as the same day.
export const load: LayoutServerLoad = ({ locals }) => ({ user: locals.user, timeZone: timeZone() });
