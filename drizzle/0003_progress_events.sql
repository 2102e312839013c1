CREATE TABLE `progress_event` (
	`id` text PRIMARY KEY NOT NULL,
	`device_id` text NOT NULL,
	`user_id` text,
	`kind` text NOT NULL,
	`course` text NOT NULL,
	`lesson` text,
	`payload` text,
	`occurred_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `progress_event_user_idx` ON `progress_event` (`user_id`);--> statement-breakpoint
CREATE INDEX `progress_event_device_idx` ON `progress_event` (`device_id`);--> statement-breakpoint
CREATE TABLE `quiz_version` (
	`hash` text PRIMARY KEY NOT NULL,
	`course` text NOT NULL,
	`quiz` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
