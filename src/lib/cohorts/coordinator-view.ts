import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb } from '../db.ts';
import type { SessionUser } from '../auth/types.ts';
import { coordinatedInstitutionIds } from '../users/queries.ts';
import { cohortMembers, cohorts, courses, enrolments, institutions, users } from '../../../db/schema/index.ts';
import type { CohortRow } from './cohorts.ts';

export interface StaffInCohort {
  name: string;
  institution: string | null;
  status: 'enrolled' | 'waiting';
  courseCompletedAt: Date | null;
}

/**
 * For a coordinator, read-only: the cohorts that include staff of the institutions they look
 * after, and those staff members only (with their place and course completion) — never the
 * other learners of the cohort.
 */
export async function cohortsWithMyStaff(
  coordinator: SessionUser,
): Promise<{ cohort: CohortRow; courseSlug: string; staff: StaffInCohort[] }[]> {
  const mine = await coordinatedInstitutionIds(coordinator.id);
  if (mine.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select({
      cohort: cohorts,
      courseSlug: courses.slug,
      name: users.name,
      institution: institutions.name,
      status: cohortMembers.status,
      courseCompletedAt: enrolments.completedAt,
    })
    .from(cohortMembers)
    .innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
    .innerJoin(courses, eq(courses.id, cohorts.courseId))
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .leftJoin(enrolments, and(eq(enrolments.userId, users.id), eq(enrolments.courseId, cohorts.courseId)))
    .where(inArray(users.institutionId, mine))
    .orderBy(asc(cohorts.startsOn), asc(cohorts.id), asc(users.name));
  const grouped = new Map<number, { cohort: CohortRow; courseSlug: string; staff: StaffInCohort[] }>();
  for (const r of rows) {
    const entry = grouped.get(r.cohort.id) ?? { cohort: r.cohort, courseSlug: r.courseSlug, staff: [] };
    entry.staff.push({
      name: r.name,
      institution: r.institution,
      status: r.status,
      courseCompletedAt: r.courseCompletedAt,
    });
    grouped.set(r.cohort.id, entry);
  }
  return [...grouped.values()];
}
