import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users.ts';

/**
 * A target an admin has set, overriding the default of `courses/project.yaml` for one
 * indicator and sector ('all' for the project as a whole). Every change is audited.
 */
export const reportTargets = sqliteTable(
  'report_targets',
  {
    indicator: text('indicator').notNull(),
    sector: text('sector').notNull(),
    /** Null: the admin removed the target (no default applies). */
    value: real('value'),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.indicator, t.sector] })],
);

/**
 * One row whose version database triggers bump whenever data a report counts changes
 * (enrolments, certificates, survey answers, attendance, sessions, cohort members, quiz
 * results). A report computed at version N is exact for as long as the version is N, on every
 * app instance sharing the database.
 */
export const reportDataVersion = sqliteTable('report_data_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
});

/**
 * Whose participations a change touched, logged by the same triggers' siblings with the report
 * data version it happened at: an instance holding the participations of an older version
 * reads again only these people (`user_id` null: something everyone's figures depend on
 * changed, such as a course's quiz roles — read everything). Old rows are pruned.
 */
export const reportChanges = sqliteTable(
  'report_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    version: integer('version').notNull(),
    userId: integer('user_id'),
    at: integer('at', { mode: 'timestamp' })
      .notNull()
      .default(sql`(unixepoch())`),
  },
  (t) => [index('report_changes_version_idx').on(t.version)],
);
