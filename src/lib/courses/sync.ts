import { and, eq, inArray, ne, notInArray, or, sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { courses, courseVersions, enrolments } from '../../../db/schema/index.ts';
import { basename } from 'node:path';
import { loadAllCourses, type LoadedCourse } from './loader.ts';
import { importScormZip } from '../scorm/packages.ts';
import { ScormPackageError } from '../scorm/package/errors.ts';

export interface SyncReport {
  slug: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'invalid' | 'removed';
  version?: number;
  /** Enrolments moved to the current version because its structure is unchanged. */
  movedEnrolments?: number;
  errors?: string[];
}

/**
 * Brings the database in line with the course folders, idempotently. A valid course whose
 * content changed gets a new version (or goes back to an earlier one with the same content);
 * enrolments follow to it only when the structure (activities, kinds, required flags, rules)
 * is the same — a text edit — and stay where they are otherwise. An invalid folder marks its
 * course invalid (hidden from the catalogue, existing enrolments untouched) and never stops
 * the other courses; a course whose folder is gone is marked invalid too. A course's new version,
 * the enrolments that follow it and the switch to it are written in one batch, so a failure or
 * a concurrent sync leaves no half state.
 */
export async function syncCourses(root: string, now = new Date()): Promise<SyncReport[]> {
  const reports: SyncReport[] = [];
  const loads = loadAllCourses(root);
  for (const load of loads) {
    if (!load.ok) {
      reports.push({ slug: load.slug, outcome: 'invalid', errors: load.errors });
      await markInvalid(load.slug, load.errors, now);
      continue;
    }
    const packages = await importCoursePackages(load.course);
    if (!packages.ok) {
      reports.push({ slug: load.course.slug, outcome: 'invalid', errors: packages.errors });
      await markInvalid(load.course.slug, packages.errors, now);
      continue;
    }
    reports.push(await syncOne(load.course, packages.ids, now));
  }
  const db = await getDb();
  const present = loads.map((l) => (l.ok ? l.course.slug : l.slug));
  const gone = await db
    .select({ slug: courses.slug })
    .from(courses)
    .where(and(ne(courses.status, 'invalid'), present.length ? notInArray(courses.slug, present) : undefined));
  for (const { slug } of gone) {
    const errors = [`courses/${slug}: the folder is gone`];
    await markInvalid(slug, errors, now);
    reports.push({ slug, outcome: 'removed', errors });
  }
  return reports;
}

/**
 * Imports the SCORM packages a course references, the same way as an upload (a package that
 * fails the checks makes the course invalid, with the reason). Returns activity id → package id.
 */
async function importCoursePackages(
  course: LoadedCourse,
): Promise<{ ok: true; ids: Record<string, string> } | { ok: false; errors: string[] }> {
  const ids: Record<string, string> = {};
  const errors: string[] = [];
  for (const [activityId, file] of Object.entries(course.scormFiles)) {
    try {
      ids[activityId] = (await importScormZip(file.path, 'course', { originalName: basename(file.path) })).id;
    } catch (error) {
      if (!(error instanceof ScormPackageError)) throw error;
      errors.push(`courses/${course.slug}: activity "${activityId}": ${basename(file.path)}: ${error.message}`);
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, ids };
}

async function markInvalid(slug: string, errors: string[], syncedAt: Date): Promise<void> {
  const db = await getDb();
  await db
    .insert(courses)
    .values({ slug, status: 'invalid', errors, syncedAt })
    .onConflictDoUpdate({ target: courses.slug, set: { status: 'invalid', errors, syncedAt } });
}

async function syncOne(course: LoadedCourse, scorm: Record<string, string>, syncedAt: Date): Promise<SyncReport> {
  const db = await getDb();
  const { definition } = course;
  const [row] = await db
    .insert(courses)
    .values({ slug: course.slug, status: definition.status, errors: null, syncedAt })
    .onConflictDoUpdate({ target: courses.slug, set: { status: definition.status, errors: null, syncedAt } })
    .returning();
  if (!row) throw new Error(`course ${course.slug} could not be saved`);
  const [existing] = await db
    .select({ id: courseVersions.id })
    .from(courseVersions)
    .where(and(eq(courseVersions.courseId, row.id), eq(courseVersions.contentHash, course.contentHash)));
  if (existing && row.currentVersionId === existing.id) {
    return { slug: course.slug, outcome: 'unchanged', version: definition.version };
  }
  // The version by its content hash, whether this sync or an earlier (or a concurrent) one wrote it.
  const versionId = sql`(SELECT ${courseVersions.id} FROM ${courseVersions} WHERE ${courseVersions.courseId} = ${row.id} AND ${courseVersions.contentHash} = ${course.contentHash})`;
  const sameStructure = db
    .select({ id: courseVersions.id })
    .from(courseVersions)
    .where(
      and(
        eq(courseVersions.courseId, row.id),
        or(
          eq(courseVersions.structureHash, course.structureHash),
          // Versions synced before packages counted in the structure (and with none recorded).
          and(eq(courseVersions.structureHash, course.legacyStructureHash), eq(courseVersions.scorm, {})),
        ),
      ),
    );
  // One batch: one transaction on one connection, with no await inside it. (An interactive
  // transaction on the embedded database would hold its lock across awaits while another
  // request's write waits synchronously for it — blocking the event loop it needs.)
  const [, moved] = await db.batch([
    db
      .insert(courseVersions)
      .values({
        courseId: row.id,
        version: definition.version,
        contentHash: course.contentHash,
        structureHash: course.structureHash,
        definition,
        lessons: course.lessons,
        quiz: course.quiz,
        surveys: course.surveys,
        scorm,
      })
      .onConflictDoNothing({ target: [courseVersions.courseId, courseVersions.contentHash] }),
    // Learners on a version with the same structure follow to this one (a text edit or its undoing).
    db
      .update(enrolments)
      .set({ courseVersionId: versionId })
      .where(and(eq(enrolments.courseId, row.id), inArray(enrolments.courseVersionId, sameStructure), ne(enrolments.courseVersionId, versionId)))
      .returning({ id: enrolments.id }),
    db.update(courses).set({ currentVersionId: versionId }).where(eq(courses.id, row.id)),
  ]);
  return {
    slug: course.slug,
    outcome: row.currentVersionId === null ? 'created' : 'updated',
    version: definition.version,
    movedEnrolments: moved.length,
  };
}
