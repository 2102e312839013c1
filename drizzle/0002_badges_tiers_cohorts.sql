CREATE TABLE `badge` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`achievement` text NOT NULL,
	`holder_key` text NOT NULL,
	`user_id` text NOT NULL,
	`business_id` text,
	`name` text NOT NULL,
	`holder_name` text NOT NULL,
	`business_name` text,
	`awarded_at` integer NOT NULL,
	`credential` text NOT NULL,
	`revoked_at` integer,
	`revoked_by` text,
	`revoke_reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`business_id`) REFERENCES `business`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`revoked_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `badge_holder_unique` ON `badge` (`holder_key`,`kind`,`achievement`);--> statement-breakpoint
CREATE INDEX `badge_user_idx` ON `badge` (`user_id`);--> statement-breakpoint
CREATE TABLE `cohort` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`trainer_id` text NOT NULL,
	`join_code` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`trainer_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cohort_join_code_unique` ON `cohort` (`join_code`);--> statement-breakpoint
CREATE TABLE `cohort_member` (
	`cohort_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`cohort_id`, `user_id`),
	FOREIGN KEY (`cohort_id`) REFERENCES `cohort`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cohort_member_user_idx` ON `cohort_member` (`user_id`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`business_id` text NOT NULL,
	`tier` text NOT NULL,
	`item` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`mime_type` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`business_id`, `tier`, `item`),
	FOREIGN KEY (`business_id`) REFERENCES `business`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tier_review` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`tier` text NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`reviewer_id` text,
	`submitted_at` integer NOT NULL,
	`reviewed_at` integer,
	FOREIGN KEY (`business_id`) REFERENCES `business`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `tier_review_business_idx` ON `tier_review` (`business_id`,`tier`);