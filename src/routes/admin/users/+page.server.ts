import { fail } from '@sveltejs/kit';
import { formatPhone } from '$lib/contact';
import {
	PAGE_SIZE,
	disableUser,
	enableUser,
	isRole,
	isStatus,
	listUsers,
	setRole,
	userNameOf
} from '$lib/server/admin/users';
import { requireAdmin } from '$lib/server/auth/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const admin = requireAdmin(event);
	const params = event.url.searchParams;
	const q = (params.get('q') ?? '').slice(0, 100);
	const role = params.get('role') ?? '';
	const status = params.get('status') ?? '';
	const page = Math.max(1, Math.min(10_000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
	const filter = { q, role: isRole(role) ? role : null, status: isStatus(status) ? status : null };
	const { rows, total } = await listUsers({ ...filter, page });
	return {
		filter,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		total,
		selfId: admin.id,
		users: rows.map((u) => ({
			id: u.id,
			name: u.name,
			contact: u.phone ? formatPhone(u.phone) : (u.email ?? ''),
			role: u.role,
			createdAt: u.createdAt,
			disabledAt: u.disabledAt,
			lastSeenAt: u.lastSeenAt
		}))
	};
};

const userIdFrom = (form: FormData) => String(form.get('userId') ?? '').slice(0, 100);

export const actions: Actions = {
	role: async (event) => {
		const admin = requireAdmin(event);
		const form = await event.request.formData();
		const role = String(form.get('role') ?? '');
		if (!isRole(role)) return fail(400, { error: 'role_invalid' });
		const result = await setRole(admin.id, userIdFrom(form), role);
		if ('error' in result)
			return fail(result.error === 'missing' ? 404 : 400, { ...result, action: 'role' });
		return { saved: { name: result.name, role } };
	},
	/**
	 * Two steps, both plain forms: the first asks (signing someone out everywhere is one tap
	 * otherwise), the second, with confirm=yes, disables.
	 */
	disable: async (event) => {
		const admin = requireAdmin(event);
		const form = await event.request.formData();
		const userId = userIdFrom(form);
		if (form.get('confirm') !== 'yes') {
			if (userId === admin.id) return fail(400, { error: 'self', action: 'disable' });
			const name = await userNameOf(userId);
			if (name === null) return fail(404, { error: 'missing', action: 'disable' });
			return { confirmDisable: { id: userId, name } };
		}
		const result = await disableUser(admin.id, userId);
		if ('error' in result)
			return fail(result.error === 'missing' ? 404 : 400, { ...result, action: 'disable' });
		return { disabled: result.name };
	},
	enable: async (event) => {
		requireAdmin(event);
		const result = await enableUser(userIdFrom(await event.request.formData()));
		if ('error' in result) return fail(404, { ...result, action: 'enable' });
		return { enabled: result.name };
	}
};
