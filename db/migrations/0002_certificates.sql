CREATE TABLE `certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`verification_code` text NOT NULL,
	`user_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`enrolment_id` integer NOT NULL,
	`holder_name` text NOT NULL,
	`course_title` text NOT NULL,
	`statement` text,
	`hours` real NOT NULL,
	`place` text,
	`template` text NOT NULL,
	`completed_at` integer NOT NULL,
	`issued_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	`revoked_reason` text,
	`replaced_by_id` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_number_unique` ON `certificates` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_verification_code_unique` ON `certificates` (`verification_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_year_seq_idx` ON `certificates` (`year`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_current_idx` ON `certificates` (`enrolment_id`) WHERE replaced_by_id IS NULL;--> statement-breakpoint
CREATE INDEX `certificates_user_idx` ON `certificates` (`user_id`);