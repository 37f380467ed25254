import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { getDb, type Database } from '../db.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../auth/types.ts';
import { cohortMembers, cohorts, courses, enrolments, users } from '../../../db/schema/index.ts';
import { requireManagedCohort, type CohortRow } from './cohorts.ts';
import { cohortByCode } from './invite.ts';

export type MemberStatus = 'enrolled' | 'waiting';

/**
 * The statement that puts a learner in a cohort, so that two people taking the last seat at once
 * cannot both get it: enrolled while the cohort has room, on the waiting list when it is full.
 * Someone already in the cohort stays as they are. `userId` may be a subquery (the roster import
 * refers to accounts it creates in the same batch by e-mail).
 */
export function placeStatement(
  db: Database,
  cohort: CohortRow,
  userId: number | SQL,
  source: 'invite' | 'added' | 'import',
  now: Date,
) {
  const seatFree = sql`(select count(*) from ${cohortMembers} where ${cohortMembers.cohortId} = ${cohort.id} and ${cohortMembers.status} = 'enrolled') < ${cohort.capacity}`;
  return db.run(sql`insert into ${cohortMembers} (cohort_id, user_id, status, source, joined_at)
    values (${cohort.id}, ${userId}, case when ${seatFree} then 'enrolled' else 'waiting' end, ${source}, ${now.getTime()})
    on conflict (cohort_id, user_id) do nothing`);
}

/**
 * The statement that enrols a cohort member in the cohort's course (its current version) if they
 * have a seat — also when the course is closed to self-enrolment; nothing for the waiting list.
 */
export function enrolIfSeatedStatement(db: Database, cohort: CohortRow, userId: number | SQL, now: Date) {
  return db.run(sql`insert into ${enrolments} (user_id, course_id, course_version_id, enrolled_at)
    select ${userId}, ${courses.id}, ${courses.currentVersionId}, ${Math.floor(now.getTime() / 1000)} from ${courses}
    where ${courses.id} = ${cohort.courseId} and ${courses.currentVersionId} is not null
    and exists (select 1 from ${cohortMembers} where ${cohortMembers.cohortId} = ${cohort.id} and ${cohortMembers.userId} = ${userId} and ${cohortMembers.status} = 'enrolled')
    on conflict (user_id, course_id) do nothing`);
}

/** Puts a learner in a cohort (seat or waiting list) and, with a seat, in its course. */
async function place(
  cohort: CohortRow,
  userId: number,
  source: 'invite' | 'added' | 'import',
  now: Date,
): Promise<{ status: MemberStatus; added: boolean }> {
  const db = await getDb();
  const [inserted] = await db.batch([
    placeStatement(db, cohort, userId, source, now),
    enrolIfSeatedStatement(db, cohort, userId, now),
  ]);
  const [row] = await db
    .select({ status: cohortMembers.status })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohort.id), eq(cohortMembers.userId, userId)));
  return { status: row?.status ?? 'waiting', added: inserted.rowsAffected > 0 };
}

/** A learner joins by invite code. An unknown, closed or malformed code is "not found". */
export async function joinByCode(
  user: SessionUser,
  code: string,
  now = new Date(),
): Promise<{ cohort: CohortRow; status: MemberStatus }> {
  const { cohort } = await cohortByCode(code);
  const { status } = await place(cohort, user.id, 'invite', now);
  return { cohort, status };
}

/** A trainer adds existing accounts (active ones) to the cohort, respecting its capacity. */
export async function addMembers(
  actor: SessionUser,
  cohortId: number,
  userIds: number[],
  now = new Date(),
): Promise<{ userId: number; status: MemberStatus; added: boolean }[]> {
  const cohort = await requireManagedCohort(actor, cohortId);
  const db = await getDb();
  const out: { userId: number; status: MemberStatus; added: boolean }[] = [];
  for (const userId of userIds) {
    const [person] = await db.select({ status: users.status }).from(users).where(eq(users.id, userId));
    if (!person || person.status !== 'active') throw new AppError('BAD_REQUEST', 'error.cohort.noSuchLearner');
    out.push({ userId, ...(await place(cohort, userId, 'added', now)) });
  }
  return out;
}

/**
 * Removes a learner from the cohort and gives their seat to the first on the waiting list
 * (who is then enrolled in the course). Their course enrolment and progress stay.
 */
export async function removeMember(
  actor: SessionUser,
  cohortId: number,
  userId: number,
  now = new Date(),
): Promise<number | null> {
  const cohort = await requireManagedCohort(actor, cohortId);
  const db = await getDb();
  await db.delete(cohortMembers).where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, userId)));
  return promoteFromWaitingList(cohort, now);
}

/** The first waiting learner takes a free seat, if there is one; returns who, or null. */
export async function promoteFromWaitingList(cohort: CohortRow, now = new Date()): Promise<number | null> {
  const db = await getDb();
  const [next] = await db
    .select({ userId: cohortMembers.userId })
    .from(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohort.id), eq(cohortMembers.status, 'waiting')))
    .orderBy(asc(cohortMembers.joinedAt), asc(cohortMembers.userId))
    .limit(1);
  if (!next) return null;
  const promoted = await db.run(sql`update ${cohortMembers} set status = 'enrolled'
    where cohort_id = ${cohort.id} and user_id = ${next.userId} and status = 'waiting'
    and (select count(*) from ${cohortMembers} where cohort_id = ${cohort.id} and status = 'enrolled') < ${cohort.capacity}`);
  if (promoted.rowsAffected === 0) return null;
  await enrolIfSeatedStatement(db, cohort, next.userId, now);
  return next.userId;
}

export interface MemberRow {
  userId: number;
  name: string;
  email: string;
  institutionId: number | null;
  status: MemberStatus;
  source: 'invite' | 'added' | 'import';
  joinedAt: Date;
}

/** The cohort's learners (trainers and admins only), enrolled first, then the waiting list in order. */
export async function membersOf(actor: SessionUser, cohortId: number): Promise<MemberRow[]> {
  await requireManagedCohort(actor, cohortId);
  const db = await getDb();
  return db
    .select({
      userId: cohortMembers.userId,
      name: users.name,
      email: users.email,
      institutionId: users.institutionId,
      status: cohortMembers.status,
      source: cohortMembers.source,
      joinedAt: cohortMembers.joinedAt,
    })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .where(eq(cohortMembers.cohortId, cohortId))
    .orderBy(asc(cohortMembers.status), asc(cohortMembers.joinedAt), asc(users.name));
}

/**
 * A learner leaves a group (or its waiting list); their place goes to the first waiting. Their
 * course enrolment, progress and attendance records stay.
 */
export async function leaveCohort(user: SessionUser, cohortId: number, now = new Date()): Promise<void> {
  const db = await getDb();
  const [cohort] = await db.select().from(cohorts).where(eq(cohorts.id, cohortId));
  const left = await db
    .delete(cohortMembers)
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.userId, user.id)))
    .returning({ status: cohortMembers.status });
  if (!cohort || left.length === 0) throw new AppError('NOT_FOUND', 'error.cohort.notFound');
  if (left[0]?.status === 'enrolled') await promoteFromWaitingList(cohort, now);
}
