CREATE TABLE `quiz_answers` (
	`attempt_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`response` text NOT NULL,
	`saved_at` integer NOT NULL,
	`earned` real,
	`points` real,
	PRIMARY KEY(`attempt_id`, `question_id`),
	FOREIGN KEY (`attempt_id`) REFERENCES `quiz_attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrolment_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`activity_id` text NOT NULL,
	`quiz_id` text NOT NULL,
	`number` integer NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`deadline_at` integer,
	`closed_at` integer,
	`layout` text NOT NULL,
	`earned` real,
	`points` real,
	`percent` real,
	`passed` integer,
	`revision` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quiz_attempts_number_idx` ON `quiz_attempts` (`enrolment_id`,`activity_id`,`number`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_user_idx` ON `quiz_attempts` (`user_id`);--> statement-breakpoint
CREATE INDEX `quiz_attempts_quiz_idx` ON `quiz_attempts` (`quiz_id`,`status`);--> statement-breakpoint
ALTER TABLE `course_versions` ADD `quiz` text DEFAULT '{"questions":[],"quizzes":[]}' NOT NULL;