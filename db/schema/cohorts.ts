import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Region } from '../../src/lib/reference/index.ts';
import { courses } from './courses.ts';
import { users } from './users.ts';

/**
 * A group of learners taking one course together with trainers: online, in person or blended,
 * in a region and venue, between two dates, up to a capacity. Learners join by invite code
 * (`inviteCode` null: joining by code is closed), are added by a trainer, or imported.
 */
export const cohorts = sqliteTable(
  'cohorts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    name: text('name').notNull(),
    mode: text('mode', { enum: ['online', 'in_person', 'blended'] }).notNull(),
    region: text('region').$type<Region>(),
    venue: text('venue'),
    /** Calendar dates in Latvia (YYYY-MM-DD). */
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    capacity: integer('capacity').notNull(),
    inviteCode: text('invite_code').unique(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('cohorts_course_idx').on(t.courseId)],
);

/** Who runs a cohort (its creator and co-trainers). */
export const cohortTrainers = sqliteTable(
  'cohort_trainers',
  {
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] }), index('cohort_trainers_user_idx').on(t.userId)],
);

/** A learner in a cohort: enrolled, or on the waiting list when the cohort was full. */
export const cohortMembers = sqliteTable(
  'cohort_members',
  {
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['enrolled', 'waiting'] }).notNull(),
    source: text('source', { enum: ['invite', 'added', 'import'] }).notNull(),
    joinedAt: integer('joined_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] }), index('cohort_members_user_idx').on(t.userId)],
);

/** An in-person (or online live) session of a cohort, at an instant, for a duration. */
export const cohortSessions = sqliteTable(
  'cohort_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    title: text('title'),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    venue: text('venue'),
    meetingUrl: text('meeting_url'),
    /** The course's `session` activity this session fulfils, if any. */
    activityId: text('activity_id'),
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('cohort_sessions_cohort_idx').on(t.cohortId, t.startsAt)],
);

/** Attendance of one learner at one session, as the trainer marked it (last mark wins). */
export const attendance = sqliteTable(
  'attendance',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => cohortSessions.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['present', 'late', 'excused', 'absent'] }).notNull(),
    markedBy: integer('marked_by').references(() => users.id),
    markedAt: integer('marked_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.userId] }),
    uniqueIndex('attendance_user_idx').on(t.userId, t.sessionId),
  ],
);

/**
 * A learner's personal calendar feed of their sessions: calendar apps cannot send cookies, so
 * the secret in the feed's address is the credential; only its SHA-256 is kept. A new one
 * replaces the old (one per person).
 */
export const calendarFeeds = sqliteTable('calendar_feeds', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});
