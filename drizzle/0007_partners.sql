CREATE TABLE `partner` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`contact` text DEFAULT '' NOT NULL,
	`origins` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `progress_event` ADD `partner_id` text REFERENCES partner(id);--> statement-breakpoint
CREATE INDEX `progress_event_partner_idx` ON `progress_event` (`partner_id`);