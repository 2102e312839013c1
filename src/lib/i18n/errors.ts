import { m } from '$lib/paraglide/messages';

// Server modules return codes; pages turn them into the reader's language here.
const TEXT: Record<string, () => string> = {
	contact_required: m.error_contact_required,
	phone_invalid: m.error_phone_invalid,
	email_invalid: m.error_email_invalid,
	name_required: m.error_name_required,
	name_too_long: m.error_name_too_long,
	password_too_short: m.error_password_too_short,
	password_too_long: m.error_password_too_long,
	password_weak: m.error_password_weak,
	password_mismatch: m.error_password_mismatch,
	account_exists: m.error_account_exists,
	login_failed: m.error_login_failed,
	too_many_requests: m.error_too_many_requests,
	account_disabled: m.error_account_disabled,
	current_password: m.error_current_password,
	admin_exists: m.error_admin_exists,
	setup_code_wrong: m.error_setup_code_wrong,
	business_name_required: m.error_business_name_required,
	too_long: m.error_too_long,
	kecamatan_invalid: m.error_kecamatan_invalid,
	doc_number_required: m.error_doc_number_required,
	product_kind_invalid: m.error_product_kind_invalid,
	role_invalid: m.error_role_invalid,
	file_missing: m.error_file_missing,
	file_too_big: m.error_file_too_big,
	file_not_image: m.error_file_not_image,
	file_dimensions: m.error_file_dimensions,
	file_type_mismatch: m.error_file_type_mismatch,
	link_invalid: m.error_link_invalid,
	text_invalid: m.error_text_invalid,
	item_unknown: m.error_item_unknown,
	no_business: m.error_no_business,
	last_admin: m.error_last_admin,
	owns_cohorts: m.error_owns_cohorts,
	trainer_invalid: m.error_trainer_invalid,
	wrong_password: m.error_wrong_password,
	title_required: m.error_title_required
};

export function errorText(code: string | undefined | null): string | undefined {
	if (!code) return undefined;
	return (TEXT[code] ?? m.error_generic)();
}
