import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { courses, enrolments } from './courses.ts';
import { users } from './users.ts';

/**
 * A learner's answers to a course survey, given once per survey activity of an enrolment.
 * Linked to the person so that reports count participants; shown only in aggregate.
 */
export const surveyResponses = sqliteTable(
  'survey_responses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    enrolmentId: integer('enrolment_id')
      .notNull()
      .references(() => enrolments.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    activityId: text('activity_id').notNull(),
    surveyId: text('survey_id').notNull(),
    /** The open comment, if any (never shown next to a name). */
    comment: text('comment'),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('survey_responses_once_idx').on(t.enrolmentId, t.activityId),
    index('survey_responses_course_idx').on(t.courseId, t.surveyId),
  ],
);

/** One Likert answer (1 strongly disagree … 5 strongly agree) to one item of a response. */
export const surveyAnswers = sqliteTable(
  'survey_answers',
  {
    responseId: integer('response_id')
      .notNull()
      .references(() => surveyResponses.id, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.itemId] }), index('survey_answers_item_idx').on(t.itemId, t.value)],
);
