import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CourseDefinition } from '../../src/lib/courses/schema.ts';
import type { Locale, Region, Sector } from '../../src/lib/reference/index.ts';
import type { CourseQuizzes } from '../../src/lib/quiz/schema.ts';
import type { SurveyDefinition } from '../../src/lib/surveys/schema.ts';
import { users } from './users.ts';

/** A course as the platform knows it: its folder's slug, its state and its current version. */
export const courses = sqliteTable('courses', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  /** published / draft from course.yaml; invalid when the folder failed validation at the last sync. */
  status: text('status', { enum: ['published', 'draft', 'invalid'] }).notNull(),
  currentVersionId: integer('current_version_id'),
  /** Validation errors of the last sync (file and field of each), when invalid. */
  errors: text('errors', { mode: 'json' }).$type<string[]>(),
  syncedAt: integer('synced_at', { mode: 'timestamp' }).notNull(),
});

/**
 * Every distinct content of a course ever synced. Enrolments point at the version they were
 * made in, so a learner keeps the course they started; the full definition and lesson texts are
 * stored so that an old version can still be shown after the files change.
 */
export const courseVersions = sqliteTable(
  'course_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    contentHash: text('content_hash').notNull(),
    structureHash: text('structure_hash').notNull(),
    definition: text('definition', { mode: 'json' }).$type<CourseDefinition>().notNull(),
    lessons: text('lessons', { mode: 'json' }).$type<Record<string, Record<Locale, string>>>().notNull(),
    /** The course's question banks and quiz definitions, as they were in this version. */
    quiz: text('quiz', { mode: 'json' })
      .$type<CourseQuizzes>()
      .notNull()
      .default(sql`'{"questions":[],"quizzes":[]}'`),
    /** The course's surveys (`surveys.yaml`), as they were in this version. */
    surveys: text('surveys', { mode: 'json' })
      .$type<SurveyDefinition[]>()
      .notNull()
      .default(sql`'[]'`),
    /** The SCORM package each `scorm` activity plays in this version: activity id → package id. */
    scorm: text('scorm', { mode: 'json' })
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'`),
    createdAt: integer('created_at', { mode: 'timestamp' })
      .notNull()
      .default(sql`(unixepoch())`),
  },
  (t) => [uniqueIndex('course_versions_hash_idx').on(t.courseId, t.contentHash)],
);

/** A person taking a course (in the version they enrolled in, or a later one shown to be safe). */
export const enrolments = sqliteTable(
  'enrolments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    courseVersionId: integer('course_version_id')
      .notNull()
      .references(() => courseVersions.id),
    enrolledAt: integer('enrolled_at', { mode: 'timestamp' }).notNull(),
    startedAt: integer('started_at', { mode: 'timestamp' }),
    completedAt: integer('completed_at', { mode: 'timestamp' }),
    /** The activity the learner last opened: where "continue" takes them. */
    lastActivityId: text('last_activity_id'),
    /**
     * Who the learner was when they enrolled (sector, region, institution), set by a database
     * trigger on insert: reports count a participation where it happened, so a person who later
     * moves to another sector or institution, or erases their data, changes no figure.
     */
    sector: text('sector').$type<Sector>(),
    region: text('region').$type<Region>(),
    institutionId: integer('institution_id'),
  },
  (t) => [
    uniqueIndex('enrolments_user_course_idx').on(t.userId, t.courseId),
    index('enrolments_course_idx').on(t.courseId),
  ],
);

/** An activity a learner has completed, recorded once with its time. */
export const activityCompletions = sqliteTable(
  'activity_completions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    enrolmentId: integer('enrolment_id')
      .notNull()
      .references(() => enrolments.id, { onDelete: 'cascade' }),
    activityId: text('activity_id').notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp' }).notNull(),
  },
  (t) => [uniqueIndex('activity_completions_once_idx').on(t.enrolmentId, t.activityId)],
);
