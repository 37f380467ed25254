import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../auth/types.ts';
import { recheckAttendance } from '../courses/learning.ts';
import { attendance, cohortMembers, cohorts, courses } from '../../../db/schema/index.ts';
import { requireManagedSession } from './sessions.ts';
import type { AttendanceStatus } from './schemas.ts';

export interface AttendanceMark {
  userId: number;
  status: AttendanceStatus;
}

/**
 * Marks attendance at a session, for one learner or many at once (from a phone at the door).
 * Every learner must be enrolled in the session's cohort, or nothing is written; the marks are
 * one batch. Then each learner's course completion is re-checked (attendance may be the last
 * thing their certificate was waiting for).
 */
export async function markAttendance(
  actor: SessionUser,
  sessionId: number,
  marks: AttendanceMark[],
  now = new Date(),
): Promise<void> {
  const session = await requireManagedSession(actor, sessionId);
  if (session.cancelledAt) throw new AppError('CONFLICT', 'error.cohort.sessionCancelled');
  if (marks.length === 0) return;
  const db = await getDb();
  const ids = [...new Set(marks.map((m) => m.userId))];
  const members = await db
    .select({ userId: cohortMembers.userId })
    .from(cohortMembers)
    .where(
      and(
        eq(cohortMembers.cohortId, session.cohortId),
        eq(cohortMembers.status, 'enrolled'),
        inArray(cohortMembers.userId, ids),
      ),
    );
  if (members.length !== ids.length) throw new AppError('BAD_REQUEST', 'error.cohort.notInCohort');
  const [first, ...rest] = marks.map((m) =>
    db
      .insert(attendance)
      .values({ sessionId, userId: m.userId, status: m.status, markedBy: actor.id, markedAt: now })
      .onConflictDoUpdate({
        target: [attendance.sessionId, attendance.userId],
        set: { status: sql`excluded.status`, markedBy: sql`excluded.marked_by`, markedAt: sql`excluded.marked_at` },
      }),
  );
  if (first) await db.batch([first, ...rest]);
  const [course] = await db
    .select({ slug: courses.slug })
    .from(cohorts)
    .innerJoin(courses, eq(courses.id, cohorts.courseId))
    .where(eq(cohorts.id, session.cohortId));
  if (course) for (const userId of ids) await recheckAttendance(userId, course.slug, now);
}

/** The marks of a session by learner id. */
export async function attendanceAt(actor: SessionUser, sessionId: number): Promise<Map<number, AttendanceStatus>> {
  await requireManagedSession(actor, sessionId);
  const db = await getDb();
  const rows = await db
    .select({ userId: attendance.userId, status: attendance.status })
    .from(attendance)
    .where(eq(attendance.sessionId, sessionId));
  return new Map(rows.map((r) => [r.userId, r.status]));
}
