import { eq } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { definitionOf } from '../courses/versions.ts';
import { cohorts, courses } from '../../../db/schema/index.ts';
import { INVITE_CODE_PATTERN, type CohortRow } from './cohorts.ts';

/** What the invite page shows before joining: the cohort and its course. */
export async function cohortByCode(
  code: string,
): Promise<{ cohort: CohortRow; courseSlug: string; courseTitle: { lv: string; en: string } }> {
  const normalised = code.trim().toLowerCase();
  if (!INVITE_CODE_PATTERN.test(normalised))
    throw new AppError('NOT_FOUND', 'error.cohort.codeUnknown', { field: 'code' });
  const db = await getDb();
  const [row] = await db
    .select({ cohort: cohorts, courseSlug: courses.slug, versionId: courses.currentVersionId })
    .from(cohorts)
    .innerJoin(courses, eq(courses.id, cohorts.courseId))
    .where(eq(cohorts.inviteCode, normalised));
  const definition = row?.versionId ? await definitionOf(row.versionId) : null;
  if (!row || !definition) throw new AppError('NOT_FOUND', 'error.cohort.codeUnknown', { field: 'code' });
  return { cohort: row.cohort, courseSlug: row.courseSlug, courseTitle: definition.title };
}
