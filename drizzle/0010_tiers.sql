CREATE TABLE `tier_award` (
	`badge_id` text PRIMARY KEY NOT NULL,
	`review_id` text,
	`endorsed_by` text,
	`basis` text NOT NULL,
	`kept_changes` text DEFAULT '[]' NOT NULL,
	`kept_note` text,
	`kept_by` text,
	`kept_at` integer,
	FOREIGN KEY (`badge_id`) REFERENCES `badge`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`review_id`) REFERENCES `tier_review`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`endorsed_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`kept_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
