import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { courses, courseVersions, enrolments } from '../../../db/schema/index.ts';
import { loadAllCourses, type LoadedCourse } from './loader.ts';

export interface SyncReport {
  slug: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'invalid';
  version?: number;
  /** Enrolments moved to the new version because its structure is unchanged. */
  movedEnrolments?: number;
  errors?: string[];
}

/**
 * Brings the database in line with the course folders, idempotently. A valid course whose
 * content changed gets a new version; enrolments on older versions move to it only when the
 * structure (activities, kinds, required flags, rules) is the same — a text edit — and stay
 * where they are otherwise. An invalid folder marks its course invalid (hidden from the
 * catalogue, existing enrolments untouched) and never stops the other courses.
 */
export async function syncCourses(root: string, now = new Date()): Promise<SyncReport[]> {
  const reports: SyncReport[] = [];
  for (const load of loadAllCourses(root)) {
    if (!load.ok) {
      reports.push({ slug: load.slug, outcome: 'invalid', errors: load.errors });
      await markInvalid(load.slug, load.errors, now);
      continue;
    }
    reports.push(await syncOne(load.course, now));
  }
  return reports;
}

async function markInvalid(slug: string, errors: string[], syncedAt: Date): Promise<void> {
  const db = await getDb();
  await db
    .insert(courses)
    .values({ slug, status: 'invalid', errors, syncedAt })
    .onConflictDoUpdate({ target: courses.slug, set: { status: 'invalid', errors, syncedAt } });
}

async function syncOne(course: LoadedCourse, syncedAt: Date): Promise<SyncReport> {
  const db = await getDb();
  const { definition } = course;
  const [row] = await db
    .insert(courses)
    .values({ slug: course.slug, status: definition.status, errors: null, syncedAt })
    .onConflictDoUpdate({ target: courses.slug, set: { status: definition.status, errors: null, syncedAt } })
    .returning();
  if (!row) throw new Error(`course ${course.slug} could not be saved`);
  const isNew = row.currentVersionId === null;

  const [existing] = await db
    .select({ id: courseVersions.id })
    .from(courseVersions)
    .where(and(eq(courseVersions.courseId, row.id), eq(courseVersions.contentHash, course.contentHash)));
  if (existing) {
    if (row.currentVersionId !== existing.id) {
      await db.update(courses).set({ currentVersionId: existing.id }).where(eq(courses.id, row.id));
    }
    return { slug: course.slug, outcome: 'unchanged', version: definition.version };
  }

  const [created] = await db
    .insert(courseVersions)
    .values({
      courseId: row.id,
      version: definition.version,
      contentHash: course.contentHash,
      structureHash: course.structureHash,
      definition,
      lessons: course.lessons,
    })
    .returning({ id: courseVersions.id });
  if (!created) throw new Error(`course ${course.slug}: version could not be saved`);

  // Enrolments on versions with the same structure follow to the new text; the others stay.
  const sameStructure = db
    .select({ id: courseVersions.id })
    .from(courseVersions)
    .where(and(eq(courseVersions.courseId, row.id), eq(courseVersions.structureHash, course.structureHash)));
  const moved = await db
    .update(enrolments)
    .set({ courseVersionId: created.id })
    .where(
      and(
        eq(enrolments.courseId, row.id),
        inArray(enrolments.courseVersionId, sameStructure),
        notInArray(enrolments.courseVersionId, [created.id]),
      ),
    )
    .returning({ id: enrolments.id });
  await db.update(courses).set({ currentVersionId: created.id }).where(eq(courses.id, row.id));
  return {
    slug: course.slug,
    outcome: isNew ? 'created' : 'updated',
    version: definition.version,
    movedEnrolments: moved.length,
  };
}
