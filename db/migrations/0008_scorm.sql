CREATE TABLE `scorm_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`enrolment_id` integer,
	`activity_id` text NOT NULL,
	`package_id` text NOT NULL,
	`number` integer NOT NULL,
	`token` text NOT NULL,
	`current_item` text,
	`sequencing` text,
	`completion` text DEFAULT 'not attempted' NOT NULL,
	`success` text DEFAULT 'unknown' NOT NULL,
	`score_scaled` real,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`package_id`) REFERENCES `scorm_packages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scorm_attempts_number_idx` ON `scorm_attempts` (`user_id`,`package_id`,`activity_id`,`number`);--> statement-breakpoint
CREATE INDEX `scorm_attempts_enrolment_idx` ON `scorm_attempts` (`enrolment_id`);--> statement-breakpoint
CREATE TABLE `scorm_packages` (
	`id` text PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`version` text NOT NULL,
	`title` text NOT NULL,
	`manifest` text NOT NULL,
	`files` integer NOT NULL,
	`bytes` integer NOT NULL,
	`source` text NOT NULL,
	`original_name` text,
	`imported_by` integer,
	`imported_at` integer NOT NULL,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scorm_packages_sha256_unique` ON `scorm_packages` (`sha256`);--> statement-breakpoint
CREATE TABLE `scorm_sco_states` (
	`attempt_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`session` integer DEFAULT 0 NOT NULL,
	`seq` integer DEFAULT 0 NOT NULL,
	`sco_attempt` integer DEFAULT 1 NOT NULL,
	`cmi` text DEFAULT '{}' NOT NULL,
	`completion` text DEFAULT 'not attempted' NOT NULL,
	`success` text DEFAULT 'unknown' NOT NULL,
	`score_raw` real,
	`score_scaled` real,
	`total_seconds` real DEFAULT 0 NOT NULL,
	`session_seconds` real DEFAULT 0 NOT NULL,
	`exit` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`attempt_id`, `item_id`),
	FOREIGN KEY (`attempt_id`) REFERENCES `scorm_attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `course_versions` ADD `scorm` text DEFAULT '{}' NOT NULL;