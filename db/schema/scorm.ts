import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ScormManifest, ScormVersion } from '../../src/lib/scorm/package/types.ts';
import { enrolments } from './courses.ts';
import { users } from './users.ts';

/**
 * An imported SCORM package. Its files live under SCORM_DIR/<id>/ (unpacked once, never
 * changed); the id comes from the zip's content, so importing the same file again is a no-op.
 */
export const scormPackages = sqliteTable('scorm_packages', {
  id: text('id').primaryKey(),
  sha256: text('sha256').notNull().unique(),
  version: text('version').$type<ScormVersion>().notNull(),
  title: text('title').notNull(),
  manifest: text('manifest', { mode: 'json' }).$type<ScormManifest>().notNull(),
  files: integer('files').notNull(),
  bytes: integer('bytes').notNull(),
  /** 'course' when a course folder references it, 'upload' when an admin uploaded it. */
  source: text('source', { enum: ['course', 'upload', 'cli'] }).notNull(),
  originalName: text('original_name'),
  importedBy: integer('imported_by').references(() => users.id, { onDelete: 'set null' }),
  importedAt: integer('imported_at', { mode: 'timestamp' }).notNull(),
});

/**
 * One attempt of a learner at a SCORM activity of a course (or a staff member's preview of a
 * package, with no enrolment). The token authenticates commits sent as beacons; the
 * sequencing state is scorm-again's serialised activity tree for SCORM 2004 packages.
 */
export const scormAttempts = sqliteTable(
  'scorm_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    enrolmentId: integer('enrolment_id').references(() => enrolments.id, { onDelete: 'cascade' }),
    /** The course activity, or '' for a staff preview. */
    activityId: text('activity_id').notNull(),
    packageId: text('package_id')
      .notNull()
      .references(() => scormPackages.id),
    number: integer('number').notNull(),
    token: text('token').notNull(),
    /** The item last delivered: where the player resumes. */
    currentItem: text('current_item'),
    sequencing: text('sequencing'),
    completion: text('completion')
      .$type<'completed' | 'incomplete' | 'not attempted' | 'unknown'>()
      .notNull()
      .default('not attempted'),
    success: text('success').$type<'passed' | 'failed' | 'unknown'>().notNull().default('unknown'),
    scoreScaled: real('score_scaled'),
    startedAt: integer('started_at', { mode: 'timestamp' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp' }).notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp' }),
  },
  (t) => [
    // Per enrolment: two courses playing the same package keep separate attempts.
    uniqueIndex('scorm_attempts_enrolment_number_idx').on(t.userId, t.enrolmentId, t.packageId, t.activityId, t.number),
    index('scorm_attempts_enrolment_idx').on(t.enrolmentId),
  ],
);

/**
 * The run-time (CMI) state of one SCO within an attempt: the validated flattened CMI the
 * SCO wrote, and what the server derived from it. `session` counts launches; a commit carries
 * its launch's session and a sequence number within it, and only a newer one is stored.
 */
export const scormScoStates = sqliteTable(
  'scorm_sco_states',
  {
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => scormAttempts.id, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    session: integer('session').notNull().default(0),
    seq: integer('seq').notNull().default(0),
    /** SCORM 2004: the SCO's own attempt number (a launch after a non-suspended exit starts a new one). */
    scoAttempt: integer('sco_attempt').notNull().default(1),
    cmi: text('cmi', { mode: 'json' })
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'`),
    completion: text('completion')
      .$type<'completed' | 'incomplete' | 'not attempted' | 'unknown'>()
      .notNull()
      .default('not attempted'),
    success: text('success').$type<'passed' | 'failed' | 'unknown'>().notNull().default('unknown'),
    scoreRaw: real('score_raw'),
    scoreScaled: real('score_scaled'),
    /** Seconds of the sessions before the current one, and of the current one so far. */
    totalSeconds: real('total_seconds').notNull().default(0),
    sessionSeconds: real('session_seconds').notNull().default(0),
    exit: text('exit'),
    /**
     * Whether the session's last stored commit was its final one (Terminate / LMSFinish). Only
     * a session that ended so, without a suspend, makes the next launch a new SCORM 2004 attempt;
     * a session that was cut off (reload, crash, closed tab) is resumed with its data.
     */
    terminated: integer('terminated', { mode: 'boolean' }).notNull().default(false),
    updatedAt: integer('updated_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.itemId] })],
);
