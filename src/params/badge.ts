import type { ParamMatcher } from '@sveltejs/kit';

/** Badge ids are 22 URL-safe characters; anything else is a plain 404 before any lookup. */
export const match: ParamMatcher = (param) => /^[A-Za-z0-9_-]{22}$/.test(param);
