import { and, asc, count, eq, isNotNull, sql } from 'drizzle-orm';
import { getDb, preparedStatement, type Database } from '../db.ts';
import { directStatement } from '../direct-reads.ts';
import { AppError } from '../errors.ts';
import type { Sector } from '../reference/index.ts';
import { activityCompletions, courses, courseVersions, enrolments, users } from '../../../db/schema/index.ts';
import {
  activitiesOf,
  AVAILABLE_KINDS,
  courseProgress,
  isActivityComplete,
  isCourseComplete,
  type Progress,
} from './completion.ts';
import type { Activity, CourseDefinition } from './schema.ts';
import { definitionsOf } from './versions.ts';
import { issueCertificate } from '../certificates/issue.ts';
import { attendanceFacts } from '../cohorts/attendance-facts.ts';

export interface PublishedCourse {
  id: number;
  slug: string;
  versionId: number;
  definition: CourseDefinition;
}

const publishedCourses = preparedStatement((db) =>
  db
    .select({ id: courses.id, slug: courses.slug, versionId: courses.currentVersionId })
    .from(courses)
    .where(and(eq(courses.status, 'published'), isNotNull(courses.currentVersionId)))
    .orderBy(asc(courses.slug))
    .prepare(),
);

/** The same read on the direct connection (see direct-reads.ts). */
const directPublished = directStatement(
  "SELECT id, slug, current_version_id FROM courses WHERE status = 'published' AND current_version_id IS NOT NULL ORDER BY slug",
);

/** Published courses for the catalogue, optionally only those for one sector. */
export async function listCatalogue(filter: { sector?: Sector | undefined } = {}): Promise<PublishedCourse[]> {
  const db = await getDb();
  const direct = directPublished(db)?.all() as [number, string, number][] | undefined;
  const published = direct?.map(([id, slug, versionId]) => ({ id, slug, versionId })) ?? (await publishedCourses(db).execute());
  const rows = await withDefinitions(published);
  // The common core (for every sector) first, then the sector courses.
  const sorted = rows.sort(
    (a, b) => b.definition.sectors.length - a.definition.sectors.length || a.slug.localeCompare(b.slug),
  );
  return filter.sector ? sorted.filter((c) => c.definition.sectors.includes(filter.sector as Sector)) : sorted;
}

/** A published course by slug, or null (drafts and invalid courses are not shown). */
export async function getPublishedCourse(slug: string): Promise<PublishedCourse | null> {
  const db = await getDb();
  const found = await db
    .select({ id: courses.id, slug: courses.slug, versionId: courses.currentVersionId })
    .from(courses)
    .where(and(eq(courses.slug, slug), eq(courses.status, 'published'), isNotNull(courses.currentVersionId)));
  return (await withDefinitions(found))[0] ?? null;
}

/** Rows with a version id, joined with their (cached) definitions. */
async function withDefinitions<T extends { versionId: number | null }>(rows: T[]): Promise<(T & { versionId: number; definition: CourseDefinition })[]> {
  const defs = await definitionsOf(rows.flatMap((r) => (r.versionId === null ? [] : [r.versionId])));
  return rows.flatMap((r) => {
    const definition = r.versionId === null ? undefined : defs.get(r.versionId);
    return definition && r.versionId !== null ? [{ ...r, versionId: r.versionId, definition }] : [];
  });
}

export interface EnrolmentView {
  id: number;
  userId: number;
  courseId: number;
  slug: string;
  versionId: number;
  definition: CourseDefinition;
  enrolledAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  lastActivityId: string | null;
  completed: Map<string, Date>;
  progress: Progress;
}

/**
 * A learner's enrolments with their completed activities as JSON `[[activityId, seconds], …]`:
 * one statement (no transaction, one round trip to a libSQL server), prepared once per
 * database because "My learning" and every activity page run it. `slug` null means all courses.
 */
const enrolmentsOf = preparedStatement((db) =>
  db
    .select({
      enrolment: enrolments,
      slug: courses.slug,
      done: sql<string>`(select json_group_array(json_array(${activityCompletions.activityId}, ${activityCompletions.completedAt})) from ${activityCompletions} where ${activityCompletions.enrolmentId} = ${enrolments.id})`,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(
      and(
        eq(enrolments.userId, sql.placeholder('userId')),
        sql`(${sql.placeholder('slug')} is null or ${courses.slug} = ${sql.placeholder('slug')})`,
      ),
    )
    .orderBy(asc(enrolments.enrolledAt))
    .prepare(),
);

const directEnrolments = directStatement(
  'SELECT e.id, e.user_id, e.course_id, e.course_version_id, e.enrolled_at, e.started_at, e.completed_at, e.last_activity_id, c.slug, ' +
    '(SELECT json_group_array(json_array(a.activity_id, a.completed_at)) FROM activity_completions a WHERE a.enrolment_id = e.id) ' +
    'FROM enrolments e JOIN courses c ON c.id = e.course_id WHERE e.user_id = ?1 AND (?2 IS NULL OR c.slug = ?2) ORDER BY e.enrolled_at',
);

type EnrolmentRow = { enrolment: Pick<typeof enrolments.$inferSelect, 'id' | 'userId' | 'courseId' | 'courseVersionId' | 'enrolledAt' | 'startedAt' | 'completedAt' | 'lastActivityId'>; slug: string; done: string };

/** The same read on the direct connection (see direct-reads.ts); undefined when there is none. */
function directEnrolmentRows(db: Database, userId: number, slug: string | null): EnrolmentRow[] | undefined {
  const statement = directEnrolments(db);
  if (!statement) return undefined;
  const date = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000));
  type Raw = [number, number, number, number, number, number | null, number | null, string | null, string, string];
  return (statement.all(userId, slug) as Raw[]).map(
    ([id, owner, courseId, courseVersionId, enrolledAt, startedAt, completedAt, lastActivityId, courseSlug, done]) => ({
      enrolment: {
        id,
        userId: owner,
        courseId,
        courseVersionId,
        enrolledAt: new Date(enrolledAt * 1000),
        startedAt: date(startedAt),
        completedAt: date(completedAt),
        lastActivityId,
      },
      slug: courseSlug,
      done,
    }),
  );
}

/** A learner's enrolments (all, or in one course), each in the version they are on, with progress. */
async function loadEnrolments(userId: number, slug?: string): Promise<EnrolmentView[]> {
  const db = await getDb();
  const rows = directEnrolmentRows(db, userId, slug ?? null) ?? (await enrolmentsOf(db).execute({ userId, slug: slug ?? null }));
  if (rows.length === 0) return [];
  const defs = await definitionsOf(rows.map((r) => r.enrolment.courseVersionId));
  return rows.flatMap(({ enrolment, slug: courseSlug, done }) => {
    const definition = defs.get(enrolment.courseVersionId);
    if (!definition) return [];
    const completed = new Map(
      (JSON.parse(done) as [string, number][]).map(([activityId, seconds]) => [activityId, new Date(seconds * 1000)]),
    );
    return [
      {
        id: enrolment.id,
        userId: enrolment.userId,
        courseId: enrolment.courseId,
        slug: courseSlug,
        versionId: enrolment.courseVersionId,
        definition,
        enrolledAt: enrolment.enrolledAt,
        startedAt: enrolment.startedAt,
        completedAt: enrolment.completedAt,
        lastActivityId: enrolment.lastActivityId,
        completed,
        progress: courseProgress(definition, new Set(completed.keys())),
      },
    ];
  });
}

/** A learner's enrolment in a course (in the version they are on), or null. */
export async function getEnrolment(userId: number, slug: string): Promise<EnrolmentView | null> {
  return (await loadEnrolments(userId, slug))[0] ?? null;
}

/**
 * Enrols a learner in a published course that is open to self-enrolment, in its current
 * version. Enrolling twice is harmless: the existing enrolment stands.
 */
export async function enrol(userId: number, slug: string): Promise<{ created: boolean }> {
  const course = await getPublishedCourse(slug);
  if (!course) throw new AppError('NOT_FOUND', 'error.course.notFound');
  if (!course.definition.selfEnrolment) throw new AppError('FORBIDDEN', 'error.course.closed');
  const db = await getDb();
  const inserted = await db
    .insert(enrolments)
    .values({ userId, courseId: course.id, courseVersionId: course.versionId, enrolledAt: new Date() })
    .onConflictDoNothing({ target: [enrolments.userId, enrolments.courseId] })
    .returning({ id: enrolments.id });
  return { created: inserted.length > 0 };
}

/** The enrolment and the activity a learner asks for; a forged or foreign id is refused. */
export async function requireActivity(
  userId: number,
  slug: string,
  activityId: string,
): Promise<{ enrolment: EnrolmentView; activity: Activity }> {
  const enrolment = await getEnrolment(userId, slug);
  if (!enrolment) throw new AppError('FORBIDDEN', 'error.course.notEnrolled');
  const activity = activitiesOf(enrolment.definition).find((a) => a.id === activityId);
  if (!activity) throw new AppError('NOT_FOUND', 'error.activity.notFound');
  return { enrolment, activity };
}

/** Remembers where the learner is (for "continue") and when they started the course. */
export async function rememberPosition(enrolment: EnrolmentView, activityId: string): Promise<void> {
  // Re-reading the same page writes nothing.
  if (enrolment.lastActivityId === activityId && enrolment.startedAt) return;
  const db = await getDb();
  await db
    .update(enrolments)
    .set({ lastActivityId: activityId, startedAt: enrolment.startedAt ?? new Date() })
    .where(eq(enrolments.id, enrolment.id));
}

/**
 * Records that a learner completed an activity, if the evidence satisfies THE activity rule,
 * once (a second completion changes nothing); then completes the course, once, if THE course
 * rule now holds. Returns whether anything new was recorded.
 */
export async function recordEvidence(
  enrolment: EnrolmentView,
  activity: Activity,
  evidence: Parameters<typeof isActivityComplete>[1],
  now = new Date(),
): Promise<{ activityRecorded: boolean; courseCompleted: boolean }> {
  if (!isActivityComplete(activity, evidence)) return { activityRecorded: false, courseCompleted: false };
  const db = await getDb();
  const inserted = await db
    .insert(activityCompletions)
    .values({ enrolmentId: enrolment.id, activityId: activity.id, completedAt: now })
    .onConflictDoNothing()
    .returning({ id: activityCompletions.id });
  const completed = new Set([...enrolment.completed.keys(), activity.id]);
  const courseCompleted = await completeCourseIfDone(enrolment, completed, now);
  return { activityRecorded: inserted.length > 0, courseCompleted };
}

/**
 * Records the course as complete, once, when THE course rule holds for these completed
 * activities and the learner's attendance (read only when the course sets a minimum), and
 * issues the certificate (idempotent; also when an earlier issue failed). Returns whether the
 * course became complete now.
 */
async function completeCourseIfDone(enrolment: EnrolmentView, completed: ReadonlySet<string>, now: Date): Promise<boolean> {
  const needsAttendance = enrolment.definition.completion.minAttendancePercent !== undefined;
  const present = needsAttendance ? await attendanceFacts(enrolment.userId, enrolment.courseId) : undefined;
  let courseCompleted = false;
  if (isCourseComplete(enrolment.definition, completed, present)) {
    const db = await getDb();
    const updated = await db
      .update(enrolments)
      .set({ completedAt: now, startedAt: enrolment.startedAt ?? now })
      .where(and(eq(enrolments.id, enrolment.id), sql`${enrolments.completedAt} IS NULL`))
      .returning({ id: enrolments.id });
    courseCompleted = updated.length > 0;
  }
  if (courseCompleted || enrolment.completedAt) await issueCertificate(enrolment.id, now);
  return courseCompleted;
}

/**
 * After attendance changed: records the course's `session` activities the learner has now
 * attended, and completes the course if THE rule now holds. Nothing happens for a learner not
 * enrolled in the course.
 */
export async function recheckAttendance(userId: number, slug: string, now = new Date()): Promise<boolean> {
  const enrolment = await getEnrolment(userId, slug);
  if (!enrolment) return false;
  const facts = await attendanceFacts(userId, enrolment.courseId);
  let completed = new Set(enrolment.completed.keys());
  for (const activity of activitiesOf(enrolment.definition)) {
    if (activity.kind !== 'session' || completed.has(activity.id) || !facts.attendedActivities.has(activity.id)) continue;
    await recordEvidence(enrolment, activity, { session: { attended: true } }, now);
    completed = new Set([...completed, activity.id]);
  }
  return completeCourseIfDone(enrolment, completed, now);
}

/** The learner finished a lesson ("Mark as done and continue"). */
export async function completeLesson(userId: number, slug: string, activityId: string) {
  const { enrolment, activity } = await requireActivity(userId, slug, activityId);
  if (activity.kind !== 'lesson') throw new AppError('BAD_REQUEST', 'error.activity.notLesson');
  const result = await recordEvidence(enrolment, activity, { lessonDone: true });
  return { ...result, enrolment: (await getEnrolment(userId, slug)) ?? enrolment };
}

/** The activity after `activityId` in course order, or null at the end. */
export function nextActivity(definition: CourseDefinition, activityId: string): Activity | null {
  const all = activitiesOf(definition);
  const index = all.findIndex((a) => a.id === activityId);
  return index >= 0 ? (all[index + 1] ?? null) : null;
}

export function previousActivity(definition: CourseDefinition, activityId: string): Activity | null {
  const all = activitiesOf(definition);
  const index = all.findIndex((a) => a.id === activityId);
  return index > 0 ? (all[index - 1] ?? null) : null;
}

export function isAvailable(activity: Activity): boolean {
  return AVAILABLE_KINDS.has(activity.kind);
}

/** "My learning": every enrolment of a learner with its progress, in the order of enrolment. */
export function myLearning(userId: number): Promise<EnrolmentView[]> {
  return loadEnrolments(userId);
}

export interface AdminCourseRow {
  id: number;
  slug: string;
  status: 'published' | 'draft' | 'invalid';
  title: CourseDefinition['title'] | null;
  version: number | null;
  errors: string[] | null;
  enrolled: number;
  completed: number;
  syncedAt: Date;
}

/** The admin's course list: status, version, validation errors and enrolment counts. */
export async function adminCourseList(): Promise<AdminCourseRow[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: courses.id,
      slug: courses.slug,
      status: courses.status,
      errors: courses.errors,
      syncedAt: courses.syncedAt,
      definition: courseVersions.definition,
      enrolled: count(enrolments.id),
      completed: sql<number>`count(${enrolments.completedAt})`,
    })
    .from(courses)
    .leftJoin(courseVersions, eq(courseVersions.id, courses.currentVersionId))
    .leftJoin(enrolments, eq(enrolments.courseId, courses.id))
    .groupBy(courses.id)
    .orderBy(asc(courses.slug));
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    status: r.status,
    title: r.definition?.title ?? null,
    version: r.definition?.version ?? null,
    errors: r.errors,
    enrolled: r.enrolled,
    completed: Number(r.completed),
    syncedAt: r.syncedAt,
  }));
}

/** Each learner's progress in one course, for the admin. */
export async function courseLearners(slug: string) {
  const db = await getDb();
  const rows = await db
    .select({
      enrolmentId: enrolments.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      enrolledAt: enrolments.enrolledAt,
      completedAt: enrolments.completedAt,
      versionId: enrolments.courseVersionId,
      version: courseVersions.version,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(users, eq(users.id, enrolments.userId))
    .innerJoin(courseVersions, eq(courseVersions.id, enrolments.courseVersionId))
    .where(eq(courses.slug, slug))
    .orderBy(asc(users.name));
  const completions = await db
    .select({ enrolmentId: activityCompletions.enrolmentId, activityId: activityCompletions.activityId })
    .from(activityCompletions)
    .innerJoin(enrolments, eq(enrolments.id, activityCompletions.enrolmentId))
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(eq(courses.slug, slug));
  // Definitions from the per-process cache (one parse per version, not one per learner), and
  // completions grouped once by enrolment rather than filtered again for every learner.
  const definitions = await definitionsOf(rows.map((r) => r.versionId));
  const done = new Map<number, Set<string>>();
  for (const c of completions) {
    const set = done.get(c.enrolmentId) ?? new Set<string>();
    set.add(c.activityId);
    done.set(c.enrolmentId, set);
  }
  return rows.flatMap((r) => {
    const definition = definitions.get(r.versionId);
    return definition ? [{ ...r, progress: courseProgress(definition, done.get(r.enrolmentId) ?? new Set()) }] : [];
  });
}
