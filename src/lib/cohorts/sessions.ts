import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../auth/types.ts';
import { activitiesOf } from '../courses/completion.ts';
import { definitionOf } from '../courses/versions.ts';
import { cohortSessions, cohortTrainers, courses } from '../../../db/schema/index.ts';
import { requireManagedCohort } from './cohorts.ts';
import { rigaToUtc } from './riga-time.ts';
import type { SessionInput } from './schemas.ts';

export type SessionRow = typeof cohortSessions.$inferSelect;

/** The instant a session starts, from the Riga wall-clock time the trainer typed. */
function startOf(input: Pick<SessionInput, 'date' | 'time'>): Date {
  try {
    return rigaToUtc(input.date, input.time);
  } catch (error) {
    if (error instanceof RangeError)
      throw new AppError('BAD_REQUEST', 'error.cohort.timeDoesNotExist', { field: 'time' });
    throw error;
  }
}

/**
 * Refuses a session that overlaps another (not cancelled) session of the same cohort or of a
 * cohort run by any of the same trainers: nobody can be in two places at once.
 */
async function assertNotDoubleBooked(
  cohortId: number,
  start: Date,
  minutes: number,
  exceptId: number | null,
): Promise<void> {
  const db = await getDb();
  const end = start.getTime() + minutes * 60_000;
  const sameTrainers = sql`(select ${cohortTrainers.cohortId} from ${cohortTrainers} where ${cohortTrainers.userId} in (select ${cohortTrainers.userId} from ${cohortTrainers} where ${cohortTrainers.cohortId} = ${cohortId}))`;
  const [clash] = await db
    .select({ id: cohortSessions.id, cohortId: cohortSessions.cohortId })
    .from(cohortSessions)
    .where(
      and(
        isNull(cohortSessions.cancelledAt),
        exceptId === null ? sql`1` : ne(cohortSessions.id, exceptId),
        sql`(${cohortSessions.cohortId} = ${cohortId} or ${cohortSessions.cohortId} in ${sameTrainers})`,
        sql`${cohortSessions.startsAt} < ${end}`,
        sql`${cohortSessions.startsAt} + ${cohortSessions.durationMinutes} * 60000 > ${start.getTime()}`,
      ),
    )
    .limit(1);
  if (clash) throw new AppError('CONFLICT', 'error.cohort.doubleBooked', { field: 'time' });
}

/** A `session` activity of the cohort's course, or null; anything else is refused. */
async function checkActivity(courseId: number, activityId: string | null): Promise<string | null> {
  if (!activityId) return null;
  const db = await getDb();
  const [course] = await db
    .select({ versionId: courses.currentVersionId })
    .from(courses)
    .where(eq(courses.id, courseId));
  const definition = course?.versionId ? await definitionOf(course.versionId) : null;
  const activity = definition && activitiesOf(definition).find((a) => a.id === activityId);
  if (activity?.kind !== 'session')
    throw new AppError('BAD_REQUEST', 'error.cohort.notASessionActivity', { field: 'activityId' });
  return activityId;
}

/** Schedules a session of a cohort the trainer runs. */
export async function scheduleSession(
  actor: SessionUser,
  cohortId: number,
  input: SessionInput,
  now = new Date(),
): Promise<SessionRow> {
  const cohort = await requireManagedCohort(actor, cohortId);
  const startsAt = startOf(input);
  await assertNotDoubleBooked(cohortId, startsAt, input.durationMinutes, null);
  const activityId = await checkActivity(cohort.courseId, input.activityId);
  const db = await getDb();
  const [row] = await db
    .insert(cohortSessions)
    .values({
      cohortId,
      title: input.title,
      startsAt,
      durationMinutes: input.durationMinutes,
      venue: input.venue ?? cohort.venue,
      meetingUrl: input.meetingUrl,
      activityId,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** Cancels a session: it no longer counts for attendance, and calendars show it cancelled. */
export async function cancelSession(actor: SessionUser, sessionId: number, now = new Date()): Promise<void> {
  const session = await requireManagedSession(actor, sessionId);
  const db = await getDb();
  await db.update(cohortSessions).set({ cancelledAt: now, updatedAt: now }).where(eq(cohortSessions.id, session.id));
}

/** A session of a cohort the person runs; anyone else's is "not found". */
export async function requireManagedSession(actor: SessionUser, sessionId: number): Promise<SessionRow> {
  const db = await getDb();
  const [row] = await db.select().from(cohortSessions).where(eq(cohortSessions.id, sessionId));
  if (!row) throw new AppError('NOT_FOUND', 'error.cohort.sessionNotFound');
  try {
    await requireManagedCohort(actor, row.cohortId);
  } catch {
    throw new AppError('NOT_FOUND', 'error.cohort.sessionNotFound');
  }
  return row;
}

/** A cohort's sessions in time order (cancelled ones included, marked). */
export async function sessionsOf(cohortId: number): Promise<SessionRow[]> {
  const db = await getDb();
  return db
    .select()
    .from(cohortSessions)
    .where(eq(cohortSessions.cohortId, cohortId))
    .orderBy(asc(cohortSessions.startsAt));
}
