CREATE TABLE `lesson_notice` (
	`course` text NOT NULL,
	`lesson` text NOT NULL,
	`text` text,
	`day` text NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`course`, `lesson`),
	FOREIGN KEY (`updated_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `business` ADD `product_kind` text;