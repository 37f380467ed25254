CREATE TABLE `survey_answers` (
	`response_id` integer NOT NULL,
	`item_id` text NOT NULL,
	`value` integer NOT NULL,
	PRIMARY KEY(`response_id`, `item_id`),
	FOREIGN KEY (`response_id`) REFERENCES `survey_responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `survey_answers_item_idx` ON `survey_answers` (`item_id`,`value`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrolment_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`activity_id` text NOT NULL,
	`survey_id` text NOT NULL,
	`comment` text,
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`enrolment_id`) REFERENCES `enrolments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_responses_once_idx` ON `survey_responses` (`enrolment_id`,`activity_id`);--> statement-breakpoint
CREATE INDEX `survey_responses_course_idx` ON `survey_responses` (`course_id`,`survey_id`);--> statement-breakpoint
CREATE TABLE `report_data_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `report_targets` (
	`indicator` text NOT NULL,
	`sector` text NOT NULL,
	`value` real,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`indicator`, `sector`),
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `course_versions` ADD `surveys` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `enrolments` ADD `sector` text;--> statement-breakpoint
ALTER TABLE `enrolments` ADD `region` text;--> statement-breakpoint
ALTER TABLE `enrolments` ADD `institution_id` integer;--> statement-breakpoint
-- Enrolments made before this migration take the learner's current sector, region and institution.
UPDATE `enrolments` SET `sector` = (SELECT `sector` FROM `users` WHERE `users`.`id` = `enrolments`.`user_id`), `region` = (SELECT `region` FROM `users` WHERE `users`.`id` = `enrolments`.`user_id`), `institution_id` = (SELECT `institution_id` FROM `users` WHERE `users`.`id` = `enrolments`.`user_id`);
--> statement-breakpoint
-- Every new enrolment records who the learner is at that moment, whichever code path inserts it.
CREATE TRIGGER `enrolments_snapshot` AFTER INSERT ON `enrolments` WHEN NEW.`sector` IS NULL BEGIN
  UPDATE `enrolments` SET
    `sector` = (SELECT `sector` FROM `users` WHERE `id` = NEW.`user_id`),
    `region` = (SELECT `region` FROM `users` WHERE `id` = NEW.`user_id`),
    `institution_id` = (SELECT `institution_id` FROM `users` WHERE `id` = NEW.`user_id`)
  WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE INDEX `enrolments_report_idx` ON `enrolments` (`user_id`, `sector`);
--> statement-breakpoint
INSERT INTO `report_data_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
-- Report data version: bumped in the same transaction as any change a report counts.
CREATE TRIGGER `enrolments_report_insert` AFTER INSERT ON `enrolments` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `enrolments_report_delete` AFTER DELETE ON `enrolments` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `enrolments_report_update` AFTER UPDATE OF `started_at`, `completed_at`, `sector`, `region`, `institution_id`, `course_id` ON `enrolments` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `certificates_report_insert` AFTER INSERT ON `certificates` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `certificates_report_delete` AFTER DELETE ON `certificates` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `certificates_report_update` AFTER UPDATE ON `certificates` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `survey_responses_report_insert` AFTER INSERT ON `survey_responses` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `survey_responses_report_delete` AFTER DELETE ON `survey_responses` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `survey_responses_report_update` AFTER UPDATE ON `survey_responses` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `survey_answers_report_insert` AFTER INSERT ON `survey_answers` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `survey_answers_report_delete` AFTER DELETE ON `survey_answers` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `survey_answers_report_update` AFTER UPDATE ON `survey_answers` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `attendance_report_insert` AFTER INSERT ON `attendance` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `attendance_report_delete` AFTER DELETE ON `attendance` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `attendance_report_update` AFTER UPDATE ON `attendance` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `cohort_sessions_report_insert` AFTER INSERT ON `cohort_sessions` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `cohort_sessions_report_delete` AFTER DELETE ON `cohort_sessions` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `cohort_sessions_report_update` AFTER UPDATE ON `cohort_sessions` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `cohort_members_report_insert` AFTER INSERT ON `cohort_members` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `cohort_members_report_delete` AFTER DELETE ON `cohort_members` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `cohort_members_report_update` AFTER UPDATE ON `cohort_members` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_report_insert` AFTER INSERT ON `cohorts` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_report_delete` AFTER DELETE ON `cohorts` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_report_update` AFTER UPDATE ON `cohorts` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `quiz_attempts_report_delete` AFTER DELETE ON `quiz_attempts` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `quiz_attempts_report_update` AFTER UPDATE OF `status`, `percent`, `closed_at` ON `quiz_attempts` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_targets_report_insert` AFTER INSERT ON `report_targets` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_targets_report_delete` AFTER DELETE ON `report_targets` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `report_targets_report_update` AFTER UPDATE ON `report_targets` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `institutions_report_insert` AFTER INSERT ON `institutions` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `institutions_report_delete` AFTER DELETE ON `institutions` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `institutions_report_update` AFTER UPDATE ON `institutions` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `courses_report_insert` AFTER INSERT ON `courses` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `courses_report_delete` AFTER DELETE ON `courses` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `courses_report_update` AFTER UPDATE OF `current_version_id`, `status` ON `courses` BEGIN UPDATE `report_data_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
