import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { getEnrolment, recordEvidence, requireActivity, type EnrolmentView } from '../courses/learning.ts';
import type { Activity } from '../courses/schema.ts';
import { surveyOf } from '../courses/versions.ts';
import { surveyAnswers, surveyResponses } from '../../../db/schema/index.ts';
import { cleanComment, LIKERT_VALUES, MAX_COMMENT_LENGTH, type SurveyDefinition } from './schema.ts';

type SurveyActivity = Extract<Activity, { kind: 'survey' }>;

/** The survey activity a learner asks for, with its survey as in the learner's course version. */
export async function requireSurvey(
  userId: number,
  slug: string,
  activityId: string,
): Promise<{ enrolment: EnrolmentView; activity: SurveyActivity; survey: SurveyDefinition }> {
  const { enrolment, activity } = await requireActivity(userId, slug, activityId);
  if (activity.kind !== 'survey') throw new AppError('BAD_REQUEST', 'survey.error.notSurvey');
  const survey = await surveyOf(enrolment.versionId, activity.survey);
  // A version synced before the course had its surveys file: nothing to answer there.
  if (!survey) throw new AppError('NOT_FOUND', 'survey.error.notFound');
  return { enrolment, activity, survey };
}

const isLikert = (value: unknown): value is number =>
  typeof value === 'number' && (LIKERT_VALUES as readonly number[]).includes(value);

/**
 * The answers checked against the survey: every statement answered with a whole number 1–5,
 * nothing else answered; the comment cleaned (control characters removed, trimmed) and at most
 * MAX_COMMENT_LENGTH characters, only where the survey asks for one. Empty comment: null.
 */
export function checkAnswers(
  survey: SurveyDefinition,
  answers: Record<string, unknown>,
  comment: string | null | undefined,
): { values: { itemId: string; value: number }[]; comment: string | null } {
  const items = new Set(survey.items.map((i) => i.id));
  for (const key of Object.keys(answers)) {
    if (!items.has(key)) throw new AppError('BAD_REQUEST', 'survey.error.unknownItem');
  }
  const values = survey.items.map((item) => {
    const value = answers[item.id];
    if (value === undefined || value === null || value === '') {
      throw new AppError('BAD_REQUEST', 'survey.error.incomplete', { field: `answer-${item.id}` });
    }
    if (!isLikert(value)) throw new AppError('BAD_REQUEST', 'survey.error.value', { field: `answer-${item.id}` });
    return { itemId: item.id, value };
  });
  const cleaned = cleanComment(comment ?? '');
  if (cleaned.length > MAX_COMMENT_LENGTH) {
    throw new AppError('BAD_REQUEST', 'survey.error.commentTooLong', { field: 'comment' });
  }
  if (cleaned && !survey.comment) throw new AppError('BAD_REQUEST', 'survey.error.noComment');
  return { values, comment: cleaned || null };
}

/** Whether an error is SQLite refusing a row that breaks a unique index (also wrapped by drizzle). */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) return true;
    if (/UNIQUE constraint failed/.test(e.message)) return true;
  }
  return false;
}

/**
 * A learner answers the survey of a survey activity, once. The activity must be in the
 * learner's own enrolment (a forged or foreign id is refused); the answers are checked against
 * the survey of the learner's course version. The response and its answers are written in one
 * batch (one transaction): a second submission — also one racing the first — hits the unique
 * index on (enrolment, activity), is refused with a message and changes nothing. Then THE
 * completion rule records the activity and, if it was the last one, the course (and so its
 * certificate).
 */
export async function submitSurvey(
  userId: number,
  slug: string,
  activityId: string,
  answers: Record<string, unknown>,
  comment: string | null | undefined,
  now = new Date(),
): Promise<{ courseCompleted: boolean; enrolment: EnrolmentView }> {
  const { enrolment, activity, survey } = await requireSurvey(userId, slug, activityId);
  const checked = checkAnswers(survey, answers, comment);
  const db = await getDb();
  const responseId = sql`(SELECT ${surveyResponses.id} FROM ${surveyResponses} WHERE ${surveyResponses.enrolmentId} = ${enrolment.id} AND ${surveyResponses.activityId} = ${activity.id})`;
  try {
    await db.batch([
      db.insert(surveyResponses).values({
        enrolmentId: enrolment.id,
        userId,
        courseId: enrolment.courseId,
        activityId: activity.id,
        surveyId: survey.id,
        comment: checked.comment,
        submittedAt: now,
      }),
      db.insert(surveyAnswers).values(checked.values.map((v) => ({ responseId, itemId: v.itemId, value: v.value }))),
    ]);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Answered before. If recording the completion failed after that answer, record it now.
    if (!enrolment.completed.has(activity.id))
      await recordEvidence(enrolment, activity, { survey: { answered: true } });
    throw new AppError('CONFLICT', 'survey.error.alreadyAnswered');
  }
  const { courseCompleted } = await recordEvidence(enrolment, activity, { survey: { answered: true } }, now);
  return { courseCompleted, enrolment: (await getEnrolment(userId, slug)) ?? enrolment };
}

export interface OwnResponse {
  submittedAt: Date;
  answers: Record<string, number>;
  comment: string | null;
}

/** A learner's own response to a survey activity of their enrolment, for its page; null if none. */
export async function surveyResponseOf(enrolmentId: number, activityId: string): Promise<OwnResponse | null> {
  const db = await getDb();
  const rows = await db
    .select({
      submittedAt: surveyResponses.submittedAt,
      comment: surveyResponses.comment,
      itemId: surveyAnswers.itemId,
      value: surveyAnswers.value,
    })
    .from(surveyResponses)
    .leftJoin(surveyAnswers, eq(surveyAnswers.responseId, surveyResponses.id))
    .where(and(eq(surveyResponses.enrolmentId, enrolmentId), eq(surveyResponses.activityId, activityId)));
  const first = rows[0];
  if (!first) return null;
  const answers: Record<string, number> = {};
  for (const row of rows) if (row.itemId !== null && row.value !== null) answers[row.itemId] = row.value;
  return { submittedAt: first.submittedAt, comment: first.comment, answers };
}
