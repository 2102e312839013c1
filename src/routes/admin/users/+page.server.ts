import { fail } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { formatPhone } from '$lib/contact';
import { listUsers, setRole } from '$lib/server/auth/accounts';
import { requireAdmin } from '$lib/server/auth/guard';
import { db, table } from '$lib/server/db';
import { ROLES, type Role } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const q = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	const users = await listUsers(q);
	return {
		q,
		users: users.map((u) => ({
			id: u.id,
			name: u.name,
			contact: u.phone ? formatPhone(u.phone) : (u.email ?? ''),
			role: u.role,
			createdAt: u.createdAt
		}))
	};
};

export const actions: Actions = {
	role: async (event) => {
		const admin = requireAdmin(event);
		const form = await event.request.formData();
		const userId = String(form.get('userId') ?? '');
		const role = String(form.get('role') ?? '');
		if (!(ROLES as readonly string[]).includes(role)) return fail(400, { error: 'role_invalid' });
		// An admin who demoted themselves could leave the site with no admin at all.
		if (userId === admin.id) return fail(400, { error: 'self' });
		const [target] = await db
			.select({ name: table.user.name })
			.from(table.user)
			.where(eq(table.user.id, userId));
		if (!target) return fail(404, { error: 'missing' });
		await setRole(userId, role as Role);
		return { saved: { name: target.name, role } };
	}
};
