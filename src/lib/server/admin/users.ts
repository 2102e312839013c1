import {
	and,
	count,
	desc,
	eq,
	exists,
	isNotNull,
	isNull,
	ne,
	or,
	sql,
	type SQL
} from 'drizzle-orm';
import { alias, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { db, table, type Executor } from '$lib/server/db';
import { ROLES, type Role } from '$lib/server/db/schema';

export const PAGE_SIZE = 50;
export const STATUSES = ['active', 'disabled'] as const;
export type Status = (typeof STATUSES)[number];

export type UserFilter = { q?: string; role?: Role | null; status?: Status | null; page?: number };

export const isRole = (value: string): value is Role =>
	(ROLES as readonly string[]).includes(value);
export const isStatus = (value: string): value is Status =>
	(STATUSES as readonly string[]).includes(value);

/** LIKE wildcards typed by the admin are searched for literally. */
const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function searchCondition(q: string): SQL | undefined {
	const text = q.trim();
	if (!text) return undefined;
	const u = table.user;
	const pattern = likeText(text);
	const conditions = [
		likeLiteral(u.name, pattern),
		likeLiteral(u.email, pattern),
		likeLiteral(u.phone, pattern)
	];
	// Phones are stored as +628…; an admin types 0812… or 812….
	const digits = text.replace(/\D/g, '');
	if (digits.length >= 4 && digits.length === text.replace(/[\s+().-]/g, '').length)
		conditions.push(likeLiteral(u.phone, likeText(digits.replace(/^0/, '62'))));
	return or(...conditions);
}

function likeLiteral(column: AnySQLiteColumn, pattern: string) {
	return sql`${column} like ${pattern} escape '\\'`;
}

/** One page of accounts matching the admin's search, newest first, with the total. */
export async function listUsers({ q = '', role, status, page = 1 }: UserFilter) {
	const u = table.user;
	const where = and(
		searchCondition(q),
		role ? eq(u.role, role) : undefined,
		status === 'active'
			? isNull(u.disabledAt)
			: status === 'disabled'
				? isNotNull(u.disabledAt)
				: undefined
	);
	const [{ total }] = await db.select({ total: count() }).from(u).where(where);
	const rows = await db
		.select({
			id: u.id,
			name: u.name,
			phone: u.phone,
			email: u.email,
			role: u.role,
			createdAt: u.createdAt,
			disabledAt: u.disabledAt,
			lastSeenAt: u.lastSeenAt
		})
		.from(u)
		.where(where)
		.orderBy(desc(u.createdAt), u.id)
		.limit(PAGE_SIZE)
		.offset((Math.max(1, page) - 1) * PAGE_SIZE);
	return { rows, total };
}

export type AdminChangeError = 'self' | 'missing' | 'last_admin';

/** Another admin who can still sign in, so the site is never left without one. */
function anotherActiveAdmin(userId: string) {
	const other = alias(table.user, 'other');
	return exists(
		db
			.select({ id: other.id })
			.from(other)
			.where(and(eq(other.role, 'admin'), isNull(other.disabledAt), ne(other.id, userId)))
	);
}

async function why(userId: string, exec: Executor = db): Promise<AdminChangeError> {
	const [row] = await exec
		.select({ id: table.user.id })
		.from(table.user)
		.where(eq(table.user.id, userId));
	return row ? 'last_admin' : 'missing';
}

/**
 * Disables an account: it cannot sign in, and every session it has ends now. The condition
 * sits in the UPDATE itself, so two admins disabling each other at once cannot both succeed.
 */
export async function disableUser(
	actorId: string,
	userId: string,
	now = new Date()
): Promise<{ name: string } | { error: AdminChangeError }> {
	if (actorId === userId) return { error: 'self' };
	const u = table.user;
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(u)
			.set({ disabledAt: now })
			.where(and(eq(u.id, userId), or(ne(u.role, 'admin'), anotherActiveAdmin(userId))))
			.returning({ name: u.name });
		if (!row) return { error: await why(userId, tx) };
		await tx.delete(table.session).where(eq(table.session.userId, userId));
		return row;
	});
}

export async function enableUser(userId: string): Promise<{ name: string } | { error: 'missing' }> {
	const [row] = await db
		.update(table.user)
		.set({ disabledAt: null })
		.where(eq(table.user.id, userId))
		.returning({ name: table.user.name });
	return row ?? { error: 'missing' };
}

/** Changes a role; an admin cannot change their own, nor demote the last active admin. */
export async function setRole(
	actorId: string,
	userId: string,
	role: Role
): Promise<{ name: string } | { error: AdminChangeError }> {
	if (actorId === userId) return { error: 'self' };
	const u = table.user;
	const [row] = await db
		.update(u)
		.set({ role })
		.where(
			and(
				eq(u.id, userId),
				role === 'admin' ? undefined : or(ne(u.role, 'admin'), anotherActiveAdmin(userId))
			)
		)
		.returning({ name: u.name });
	// The role is read from this table on every request, so the change holds at once.
	return row ?? { error: await why(userId) };
}

/** An account's name, for the question "disable this account?"; null when there is none. */
export async function userNameOf(userId: string): Promise<string | null> {
	const [row] = await db
		.select({ name: table.user.name })
		.from(table.user)
		.where(eq(table.user.id, userId));
	return row?.name ?? null;
}
