import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../auth/types.ts';
import { generateToken } from '../auth/tokens.ts';
import { getCourseForCohort } from './course-ref.ts';
import type { CohortInput } from './schemas.ts';
import { cohortMembers, cohortTrainers, cohorts, courses, users } from '../../../db/schema/index.ts';
import { coordinatedInstitutionIds } from '../users/queries.ts';

export type CohortRow = typeof cohorts.$inferSelect;

/** An invite code: 10 characters of base32 (50 bits), easy to type from a printed sheet. */
export function newInviteCode(): string {
  return generateToken().slice(0, 10);
}
export const INVITE_CODE_PATTERN = /^[a-z2-7]{10}$/;

/** Creates a cohort of a published course; its creator is its first trainer. */
export async function createCohort(actor: SessionUser, input: CohortInput, now = new Date()): Promise<CohortRow> {
  if (actor.role !== 'trainer' && actor.role !== 'admin') throw new AppError('FORBIDDEN', 'error.forbidden');
  const course = await getCourseForCohort(input.courseSlug);
  const db = await getDb();
  const [row] = await db
    .insert(cohorts)
    .values({
      courseId: course.id,
      name: input.name,
      mode: input.mode,
      region: input.mode === 'online' ? null : input.region,
      venue: input.venue,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      capacity: input.capacity,
      inviteCode: newInviteCode(),
      createdBy: actor.id,
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  await db.insert(cohortTrainers).values({ cohortId: row.id, userId: actor.id });
  return row;
}

/** Whether a person may change a cohort: its trainers and admins. */
export async function canManageCohort(user: SessionUser, cohortId: number): Promise<boolean> {
  if (user.role === 'admin') return true;
  if (user.role !== 'trainer') return false;
  const db = await getDb();
  const [row] = await db
    .select({ id: cohortTrainers.cohortId })
    .from(cohortTrainers)
    .where(and(eq(cohortTrainers.cohortId, cohortId), eq(cohortTrainers.userId, user.id)));
  return row !== undefined;
}

/** The cohort if the person may change it; anyone else gets "not found" (ids are not secrets). */
export async function requireManagedCohort(user: SessionUser, cohortId: number): Promise<CohortRow> {
  const db = await getDb();
  const [row] = await db.select().from(cohorts).where(eq(cohorts.id, cohortId));
  if (!row || !(await canManageCohort(user, cohortId))) throw new AppError('NOT_FOUND', 'error.cohort.notFound');
  return row;
}

/**
 * Whether a person may read a cohort: its trainers and admins; its own learners; coordinators
 * of an institution one of its learners works at (read-only).
 */
export async function canViewCohort(user: SessionUser, cohortId: number): Promise<boolean> {
  if (await canManageCohort(user, cohortId)) return true;
  const db = await getDb();
  if (user.role === 'coordinator') {
    const mine = await coordinatedInstitutionIds(user.id);
    if (mine.length === 0) return false;
    const [row] = await db
      .select({ id: cohortMembers.userId })
      .from(cohortMembers)
      .innerJoin(users, eq(users.id, cohortMembers.userId))
      .where(and(eq(cohortMembers.cohortId, cohortId), inArray(users.institutionId, mine)))
      .limit(1);
    if (row) return true;
  }
  const [member] = await db
    .select({ id: cohortMembers.userId })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, user.id)));
  return member !== undefined;
}

export interface CohortListItem extends CohortRow {
  courseSlug: string;
  enrolled: number;
  waiting: number;
}

/** Cohorts a trainer runs (all of them for an admin), newest first, with their head counts. */
export async function cohortsRunBy(user: SessionUser): Promise<CohortListItem[]> {
  const db = await getDb();
  const counts = {
    enrolled: sql<number>`(select count(*) from ${cohortMembers} where ${cohortMembers.cohortId} = ${cohorts.id} and ${cohortMembers.status} = 'enrolled')`,
    waiting: sql<number>`(select count(*) from ${cohortMembers} where ${cohortMembers.cohortId} = ${cohorts.id} and ${cohortMembers.status} = 'waiting')`,
  };
  const base = db
    .select({ cohort: cohorts, courseSlug: courses.slug, ...counts })
    .from(cohorts)
    .innerJoin(courses, eq(courses.id, cohorts.courseId));
  const rows =
    user.role === 'admin'
      ? await base.orderBy(asc(cohorts.startsOn))
      : await base
          .innerJoin(cohortTrainers, and(eq(cohortTrainers.cohortId, cohorts.id), eq(cohortTrainers.userId, user.id)))
          .orderBy(asc(cohorts.startsOn));
  return rows.map((r) => ({ ...r.cohort, courseSlug: r.courseSlug, enrolled: r.enrolled, waiting: r.waiting }));
}

/** A new invite code (the old one stops working), or none: joining by code closed. */
export async function setInviteCode(actor: SessionUser, cohortId: number, open: boolean): Promise<string | null> {
  await requireManagedCohort(actor, cohortId);
  const code = open ? newInviteCode() : null;
  const db = await getDb();
  await db.update(cohorts).set({ inviteCode: code }).where(eq(cohorts.id, cohortId));
  return code;
}

/** Adds a co-trainer (an account with the trainer role). */
export async function addCoTrainer(actor: SessionUser, cohortId: number, trainerId: number): Promise<void> {
  await requireManagedCohort(actor, cohortId);
  const db = await getDb();
  const [trainer] = await db
    .select({ role: users.role, status: users.status })
    .from(users)
    .where(eq(users.id, trainerId));
  if (!trainer || trainer.role !== 'trainer' || trainer.status !== 'active') {
    throw new AppError('BAD_REQUEST', 'error.cohort.notATrainer');
  }
  await db.insert(cohortTrainers).values({ cohortId, userId: trainerId }).onConflictDoNothing();
}

/** The names of a cohort's trainers, alphabetically. */
export async function cohortTrainerNames(cohortId: number): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ name: users.name })
    .from(cohortTrainers)
    .innerJoin(users, eq(users.id, cohortTrainers.userId))
    .where(eq(cohortTrainers.cohortId, cohortId))
    .orderBy(asc(users.name));
  return rows.map((r) => r.name);
}
