CREATE TABLE `report_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer NOT NULL,
	`user_id` integer,
	`at` integer DEFAULT (unixepoch()) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `report_changes_version_idx` ON `report_changes` (`version`);--> statement-breakpoint
-- Whose participations each change touched (see db/schema/reports.ts: report_changes).
CREATE TRIGGER `enrolments_changes_insert` AFTER INSERT ON `enrolments` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NEW.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `enrolments_changes_update` AFTER UPDATE OF `started_at`, `completed_at`, `sector`, `region`, `institution_id`, `course_id` ON `enrolments` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NEW.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `enrolments_changes_delete` AFTER DELETE ON `enrolments` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), OLD.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `certificates_changes_insert` AFTER INSERT ON `certificates` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NEW.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `certificates_changes_update` AFTER UPDATE ON `certificates` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NEW.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `certificates_changes_delete` AFTER DELETE ON `certificates` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), OLD.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `survey_responses_changes_insert` AFTER INSERT ON `survey_responses` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NEW.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `survey_responses_changes_update` AFTER UPDATE ON `survey_responses` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NEW.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `survey_responses_changes_delete` AFTER DELETE ON `survey_responses` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), OLD.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `attendance_changes_insert` AFTER INSERT ON `attendance` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NEW.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `attendance_changes_update` AFTER UPDATE ON `attendance` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NEW.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `attendance_changes_delete` AFTER DELETE ON `attendance` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), OLD.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `cohort_members_changes_insert` AFTER INSERT ON `cohort_members` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NEW.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `cohort_members_changes_update` AFTER UPDATE ON `cohort_members` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NEW.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `cohort_members_changes_delete` AFTER DELETE ON `cohort_members` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), OLD.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `quiz_attempts_changes_update` AFTER UPDATE OF `status`, `percent`, `closed_at` ON `quiz_attempts` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NEW.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `quiz_attempts_changes_delete` AFTER DELETE ON `quiz_attempts` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), OLD.`user_id`); END;
--> statement-breakpoint
CREATE TRIGGER `survey_answers_changes_insert` AFTER INSERT ON `survey_answers` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), (SELECT `user_id` FROM `survey_responses` WHERE `id` = NEW.`response_id`)); END;
--> statement-breakpoint
CREATE TRIGGER `survey_answers_changes_update` AFTER UPDATE ON `survey_answers` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), (SELECT `user_id` FROM `survey_responses` WHERE `id` = NEW.`response_id`)); END;
--> statement-breakpoint
CREATE TRIGGER `survey_answers_changes_delete` AFTER DELETE ON `survey_answers` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), (SELECT `user_id` FROM `survey_responses` WHERE `id` = OLD.`response_id`)); END;
--> statement-breakpoint
CREATE TRIGGER `cohort_sessions_changes_insert` AFTER INSERT ON `cohort_sessions` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) SELECT (SELECT `version` FROM `report_data_version` WHERE `id` = 1), `user_id` FROM `cohort_members` WHERE `cohort_id` = NEW.`cohort_id` UNION SELECT (SELECT `version` FROM `report_data_version` WHERE `id` = 1), `user_id` FROM `attendance` WHERE `session_id` = NEW.`id`; END;
--> statement-breakpoint
CREATE TRIGGER `cohort_sessions_changes_update` AFTER UPDATE ON `cohort_sessions` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) SELECT (SELECT `version` FROM `report_data_version` WHERE `id` = 1), `user_id` FROM `cohort_members` WHERE `cohort_id` = NEW.`cohort_id` UNION SELECT (SELECT `version` FROM `report_data_version` WHERE `id` = 1), `user_id` FROM `attendance` WHERE `session_id` = NEW.`id`; END;
--> statement-breakpoint
CREATE TRIGGER `cohort_sessions_changes_delete` AFTER DELETE ON `cohort_sessions` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) SELECT (SELECT `version` FROM `report_data_version` WHERE `id` = 1), `user_id` FROM `cohort_members` WHERE `cohort_id` = OLD.`cohort_id` UNION SELECT (SELECT `version` FROM `report_data_version` WHERE `id` = 1), `user_id` FROM `attendance` WHERE `session_id` = OLD.`id`; END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_changes_update` AFTER UPDATE OF `course_id` ON `cohorts` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NULL); END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_changes_delete` AFTER DELETE ON `cohorts` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NULL); END;
--> statement-breakpoint
CREATE TRIGGER `courses_changes_update` AFTER UPDATE OF `current_version_id`, `status` ON `courses` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NULL); END;
--> statement-breakpoint
CREATE TRIGGER `courses_changes_delete` AFTER DELETE ON `courses` BEGIN INSERT INTO `report_changes` (`version`, `user_id`) VALUES ((SELECT `version` FROM `report_data_version` WHERE `id` = 1), NULL); END;
