import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { AttemptLayout } from '../../src/lib/quiz/attempt-layout.ts';
import type { Response } from '../../src/lib/quiz/schema.ts';
import { enrolments } from './courses.ts';
import { users } from './users.ts';

/**
 * One attempt at a quiz. The questions drawn for it, their order and the opaque tokens the
 * browser sees for options are fixed at the start (`layout`), with a copy of each question, so
 * a later change to the bank never changes an attempt. The score is written once, when the
 * attempt is submitted or closed at its deadline.
 */
export const quizAttempts = sqliteTable(
  'quiz_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    enrolmentId: integer('enrolment_id')
      .notNull()
      .references(() => enrolments.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    activityId: text('activity_id').notNull(),
    quizId: text('quiz_id').notNull(),
    /** 1 for the first attempt of this learner at this activity, then 2, 3… */
    number: integer('number').notNull(),
    /** open; submitted by the learner; expired: closed by the server at the deadline. */
    status: text('status', { enum: ['open', 'submitted', 'expired'] }).notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    deadlineAt: integer('deadline_at', { mode: 'timestamp_ms' }),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    layout: text('layout', { mode: 'json' }).$type<AttemptLayout>().notNull(),
    earned: real('earned'),
    points: real('points'),
    percent: real('percent'),
    passed: integer('passed', { mode: 'boolean' }),
    /** Bumped by every saved answer: a submission scores exactly the answers it read. */
    revision: integer('revision').notNull().default(0),
  },
  (t) => [
    uniqueIndex('quiz_attempts_number_idx').on(t.enrolmentId, t.activityId, t.number),
    index('quiz_attempts_user_idx').on(t.userId),
    index('quiz_attempts_quiz_idx').on(t.quizId, t.status),
  ],
);

/** The learner's answer to one question of an attempt, saved as they go; scored at the end. */
export const quizAnswers = sqliteTable(
  'quiz_answers',
  {
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => quizAttempts.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    response: text('response', { mode: 'json' }).$type<Response>().notNull(),
    savedAt: integer('saved_at', { mode: 'timestamp_ms' }).notNull(),
    earned: real('earned'),
    points: real('points'),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionId] })],
);
