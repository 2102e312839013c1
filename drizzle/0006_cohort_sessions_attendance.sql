CREATE TABLE `attendance` (
	`cohort_id` text NOT NULL,
	`user_id` text NOT NULL,
	`date` text NOT NULL,
	`method` text NOT NULL,
	`checked_at` integer NOT NULL,
	PRIMARY KEY(`cohort_id`, `date`, `user_id`),
	FOREIGN KEY (`cohort_id`) REFERENCES `cohort`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `cohort` ADD `join_open` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `cohort` ADD `venue` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `cohort` ADD `kecamatan` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `cohort` ADD `session_dates` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `cohort` ADD `courses` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE INDEX `cohort_trainer_idx` ON `cohort` (`trainer_id`);--> statement-breakpoint
ALTER TABLE `user` ADD `must_change_password` integer DEFAULT false NOT NULL;