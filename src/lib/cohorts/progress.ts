import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import type { SessionUser } from '../auth/types.ts';
import { activitiesOf } from '../courses/completion.ts';
import type { Activity } from '../courses/schema.ts';
import { definitionOf } from '../courses/versions.ts';
import {
  activityCompletions,
  attendance,
  cohortMembers,
  cohortSessions,
  courses,
  enrolments,
  institutions,
  quizAttempts,
  users,
} from '../../../db/schema/index.ts';
import { requireManagedCohort } from './cohorts.ts';
import { ATTENDED } from './attendance-facts.ts';

export interface ProgressRow {
  userId: number;
  name: string;
  email: string;
  institution: string | null;
  completed: Set<string>;
  courseCompletedAt: Date | null;
  startedAt: Date | null;
  attended: number;
  /** Best closed attempt (percent) per quiz activity. */
  quizScores: Map<string, number>;
}

export interface CohortProgress {
  activities: Activity[];
  sessions: number;
  rows: ProgressRow[];
}

/**
 * The trainer's matrix: every enrolled learner × every activity of the course (its current
 * version), with course completion and attendance at the cohort's sessions (cancelled left out).
 */
export async function cohortProgress(actor: SessionUser, cohortId: number): Promise<CohortProgress> {
  const cohort = await requireManagedCohort(actor, cohortId);
  const db = await getDb();
  const [course] = await db
    .select({ versionId: courses.currentVersionId })
    .from(courses)
    .where(eq(courses.id, cohort.courseId));
  const definition = course?.versionId ? await definitionOf(course.versionId) : null;
  const members = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      institution: institutions.name,
      enrolmentId: enrolments.id,
      startedAt: enrolments.startedAt,
      completedAt: enrolments.completedAt,
    })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .leftJoin(enrolments, and(eq(enrolments.userId, users.id), eq(enrolments.courseId, cohort.courseId)))
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.status, 'enrolled')))
    .orderBy(users.name);
  const enrolmentIds = members.flatMap((m) => (m.enrolmentId ? [m.enrolmentId] : []));
  const sessionRows = await db
    .select({ id: cohortSessions.id })
    .from(cohortSessions)
    .where(and(eq(cohortSessions.cohortId, cohortId), isNull(cohortSessions.cancelledAt)));
  const [done, marks, scores] = await Promise.all([
    enrolmentIds.length
      ? db
          .select({ enrolmentId: activityCompletions.enrolmentId, activityId: activityCompletions.activityId })
          .from(activityCompletions)
          .where(inArray(activityCompletions.enrolmentId, enrolmentIds))
      : Promise.resolve([]),
    sessionRows.length
      ? db
          .select({ userId: attendance.userId, status: attendance.status })
          .from(attendance)
          .where(
            inArray(
              attendance.sessionId,
              sessionRows.map((s) => s.id),
            ),
          )
      : Promise.resolve([]),
    enrolmentIds.length
      ? db
          .select({
            enrolmentId: quizAttempts.enrolmentId,
            activityId: quizAttempts.activityId,
            best: sql<number>`max(${quizAttempts.percent})`,
          })
          .from(quizAttempts)
          .where(and(inArray(quizAttempts.enrolmentId, enrolmentIds), ne(quizAttempts.status, 'open')))
          .groupBy(quizAttempts.enrolmentId, quizAttempts.activityId)
      : Promise.resolve([]),
  ]);
  return {
    activities: definition ? activitiesOf(definition) : [],
    sessions: sessionRows.length,
    rows: members.map((m) => ({
      userId: m.userId,
      name: m.name,
      email: m.email,
      institution: m.institution,
      completed: new Set(done.filter((d) => d.enrolmentId === m.enrolmentId).map((d) => d.activityId)),
      courseCompletedAt: m.completedAt,
      startedAt: m.startedAt,
      attended: marks.filter((a) => a.userId === m.userId && ATTENDED.includes(a.status)).length,
      quizScores: new Map(scores.filter((q) => q.enrolmentId === m.enrolmentId).map((q) => [q.activityId, q.best])),
    })),
  };
}
