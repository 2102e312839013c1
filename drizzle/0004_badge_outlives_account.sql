PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_badge` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`achievement` text NOT NULL,
	`holder_key` text NOT NULL,
	`user_id` text,
	`business_id` text,
	`name` text NOT NULL,
	`holder_name` text NOT NULL,
	`business_name` text,
	`awarded_at` integer NOT NULL,
	`credential` text NOT NULL,
	`revoked_at` integer,
	`revoked_by` text,
	`revoke_reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`business_id`) REFERENCES `business`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`revoked_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_badge`("id", "kind", "achievement", "holder_key", "user_id", "business_id", "name", "holder_name", "business_name", "awarded_at", "credential", "revoked_at", "revoked_by", "revoke_reason") SELECT "id", "kind", "achievement", "holder_key", "user_id", "business_id", "name", "holder_name", "business_name", "awarded_at", "credential", "revoked_at", "revoked_by", "revoke_reason" FROM `badge`;--> statement-breakpoint
DROP TABLE `badge`;--> statement-breakpoint
ALTER TABLE `__new_badge` RENAME TO `badge`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `badge_holder_unique` ON `badge` (`holder_key`,`kind`,`achievement`);--> statement-breakpoint
CREATE INDEX `badge_user_idx` ON `badge` (`user_id`);