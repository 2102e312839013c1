import { m } from '$lib/paraglide/messages';

const CATEGORY: Record<string, () => string> = {
	manajemen: m.category_manajemen,
	pemasaran: m.category_pemasaran,
	kemasan: m.category_kemasan,
	legalitas: m.category_legalitas
};

const ROLE: Record<string, () => string> = {
	learner: m.role_learner,
	trainer: m.role_trainer,
	admin: m.role_admin
};

export const categoryLabel = (category: string) => CATEGORY[category]?.() ?? category;
export const roleLabel = (role: string) => ROLE[role]?.() ?? role;
