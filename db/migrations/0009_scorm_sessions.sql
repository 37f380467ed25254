DROP INDEX `scorm_attempts_number_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `scorm_attempts_enrolment_number_idx` ON `scorm_attempts` (`user_id`,`enrolment_id`,`package_id`,`activity_id`,`number`);--> statement-breakpoint
ALTER TABLE `scorm_sco_states` ADD `terminated` integer DEFAULT false NOT NULL;