import { and, asc, desc, eq, exists, inArray } from 'drizzle-orm';
import type { SessionUser } from '../auth/types.ts';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import {
  cohortMembers,
  cohorts,
  cohortTrainers,
  courses,
  enrolments,
  scormAttempts,
  scormPackages,
  scormScoStates,
  users,
} from '../../../db/schema/index.ts';

/**
 * Which of a learner's courses staff may see SCORM data of: admins all ('all'), trainers the
 * courses of the groups they run that the learner is in, nobody else (an empty list).
 */
async function visibleCourses(actor: SessionUser, learnerId: number): Promise<'all' | number[]> {
  if (actor.role === 'admin') return 'all';
  if (actor.role !== 'trainer') return [];
  const db = await getDb();
  const rows = await db
    .select({ courseId: cohorts.courseId })
    .from(cohortMembers)
    .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
    .where(
      and(
        eq(cohortMembers.userId, learnerId),
        exists(
          db
            .select({ one: cohortTrainers.userId })
            .from(cohortTrainers)
            .where(and(eq(cohortTrainers.cohortId, cohortMembers.cohortId), eq(cohortTrainers.userId, actor.id))),
        ),
      ),
    );
  return rows.map((r) => r.courseId);
}

/** A learner's SCORM attempts with each SCO's stored CMI, for trainers and admins. */
export async function learnerScormAttempts(actor: SessionUser, learnerId: number) {
  const visible = await visibleCourses(actor, learnerId);
  if (visible !== 'all' && visible.length === 0) throw new AppError('NOT_FOUND', 'error.notFound.title');
  const db = await getDb();
  const [learner] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, learnerId));
  if (!learner) throw new AppError('NOT_FOUND', 'error.notFound.title');
  const attempts = await db
    .select({
      id: scormAttempts.id,
      number: scormAttempts.number,
      activityId: scormAttempts.activityId,
      packageTitle: scormPackages.title,
      version: scormPackages.version,
      course: courses.slug,
      completion: scormAttempts.completion,
      success: scormAttempts.success,
      scoreScaled: scormAttempts.scoreScaled,
      startedAt: scormAttempts.startedAt,
      updatedAt: scormAttempts.updatedAt,
      completedAt: scormAttempts.completedAt,
    })
    .from(scormAttempts)
    .innerJoin(scormPackages, eq(scormPackages.id, scormAttempts.packageId))
    .leftJoin(enrolments, eq(enrolments.id, scormAttempts.enrolmentId))
    .leftJoin(courses, eq(courses.id, enrolments.courseId))
    .where(
      and(eq(scormAttempts.userId, learnerId), visible === 'all' ? undefined : inArray(enrolments.courseId, visible)),
    )
    .orderBy(desc(scormAttempts.updatedAt));
  const scos = attempts.length
    ? await db
        .select()
        .from(scormScoStates)
        .where(
          inArray(
            scormScoStates.attemptId,
            attempts.map((a) => a.id),
          ),
        )
        .orderBy(asc(scormScoStates.itemId))
    : [];
  return {
    learner,
    attempts: attempts.map((a) => ({ ...a, scos: scos.filter((s) => s.attemptId === a.id) })),
  };
}

/** A person's own SCORM attempts and run-time data, for their personal-data export. */
export async function ownScormData(userId: number) {
  const db = await getDb();
  const attempts = await db
    .select({
      id: scormAttempts.id,
      number: scormAttempts.number,
      activity: scormAttempts.activityId,
      package: scormPackages.title,
      completion: scormAttempts.completion,
      success: scormAttempts.success,
      startedAt: scormAttempts.startedAt,
      updatedAt: scormAttempts.updatedAt,
    })
    .from(scormAttempts)
    .innerJoin(scormPackages, eq(scormPackages.id, scormAttempts.packageId))
    .where(eq(scormAttempts.userId, userId));
  const scos = attempts.length
    ? await db
        .select({ attemptId: scormScoStates.attemptId, item: scormScoStates.itemId, cmi: scormScoStates.cmi })
        .from(scormScoStates)
        .where(
          inArray(
            scormScoStates.attemptId,
            attempts.map((a) => a.id),
          ),
        )
    : [];
  return attempts.map(({ id, startedAt, updatedAt, ...a }) => ({
    ...a,
    startedAt: startedAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    scos: scos.filter((s) => s.attemptId === id).map(({ item, cmi }) => ({ item, cmi })),
  }));
}

/**
 * On erasure: the packages' run-time data may hold free text (suspend data, comments, typed
 * answers), so it goes; the statuses, scores and times stay, like every counted figure.
 */
export function eraseScormDataStatement(db: Awaited<ReturnType<typeof getDb>>, userId: number) {
  return db
    .update(scormScoStates)
    .set({ cmi: {} })
    .where(
      inArray(
        scormScoStates.attemptId,
        db.select({ id: scormAttempts.id }).from(scormAttempts).where(eq(scormAttempts.userId, userId)),
      ),
    );
}
