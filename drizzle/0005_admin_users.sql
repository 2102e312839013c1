DROP INDEX `progress_event_user_idx`;--> statement-breakpoint
CREATE INDEX `progress_event_user_idx` ON `progress_event` (`user_id`,`occurred_at`);--> statement-breakpoint
ALTER TABLE `user` ADD `disabled_at` integer;--> statement-breakpoint
ALTER TABLE `user` ADD `last_seen_at` integer;