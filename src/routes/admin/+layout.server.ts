import { requireAdmin } from '$lib/server/auth/guard';
import type { LayoutServerLoad } from './$types';

// Every /admin page is for admins only; each page's load and actions check again for themselves.
export const load: LayoutServerLoad = (event) => {
	requireAdmin(event);
};
