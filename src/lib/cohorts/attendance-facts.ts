import { and, eq, inArray, isNull } from 'drizzle-orm';
import { getDb } from '../db.ts';
import type { Attendance } from '../courses/completion.ts';
import { attendance, cohortMembers, cohortSessions, cohorts } from '../../../db/schema/index.ts';

/** Statuses that count as having attended a session (late is there; excused is not). */
export const ATTENDED: readonly string[] = ['present', 'late'];

/**
 * What completion needs to know of a learner's in-person sessions in a course: of the sessions
 * of their cohorts of that course (cancelled ones left out), how many they attended, and which
 * course `session` activities those attended sessions fulfil.
 */
export async function attendanceFacts(
  userId: number,
  courseId: number,
): Promise<Attendance & { attendedActivities: Set<string> }> {
  const db = await getDb();
  const rows = await db
    .select({
      sessionId: cohortSessions.id,
      activityId: cohortSessions.activityId,
      status: attendance.status,
    })
    .from(cohortSessions)
    .innerJoin(cohorts, eq(cohorts.id, cohortSessions.cohortId))
    .innerJoin(
      cohortMembers,
      and(
        eq(cohortMembers.cohortId, cohorts.id),
        eq(cohortMembers.userId, userId),
        eq(cohortMembers.status, 'enrolled'),
      ),
    )
    .leftJoin(attendance, and(eq(attendance.sessionId, cohortSessions.id), eq(attendance.userId, userId)))
    .where(and(eq(cohorts.courseId, courseId), isNull(cohortSessions.cancelledAt)));
  const attendedRows = rows.filter((r) => r.status !== null && ATTENDED.includes(r.status));
  return {
    total: rows.length,
    attended: attendedRows.length,
    attendedActivities: new Set(attendedRows.flatMap((r) => (r.activityId ? [r.activityId] : []))),
  };
}

/** Enrolled learners (ids) of the cohorts the given sessions belong to. */
export async function membersOfSessions(sessionIds: number[]): Promise<number[]> {
  if (sessionIds.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .selectDistinct({ userId: cohortMembers.userId })
    .from(cohortMembers)
    .innerJoin(cohortSessions, eq(cohortSessions.cohortId, cohortMembers.cohortId))
    .where(and(inArray(cohortSessions.id, sessionIds), eq(cohortMembers.status, 'enrolled')));
  return rows.map((r) => r.userId);
}
