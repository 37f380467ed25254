import { and, asc, desc, eq, inArray, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../auth/types.ts';
import { cohortsRunBy, requireManagedCohort } from '../cohorts/cohorts.ts';
import type { CourseDefinition } from '../courses/schema.ts';
import {
  cohortMembers,
  cohorts,
  courses,
  courseVersions,
  surveyAnswers,
  surveyResponses,
  users,
} from '../../../db/schema/index.ts';
import { AGREE_FROM, LIKERT_VALUES, type SurveyDefinition } from './schema.ts';

/**
 * Fewer responses than this are too few to show without identifying anyone: a group that small
 * shows its number of responses only, no distribution and no comments (except to admins).
 */
export const MIN_RESPONSES = 5;

type Text = { lv: string; en: string };

export interface ItemResult {
  itemId: string;
  /** The statement as the newest version of the course words it (null: no longer in any version). */
  text: Text | null;
  /** How many answered 1, 2, 3, 4 and 5 (index 0 is value 1). */
  counts: number[];
  answered: number;
  /** Mean answer (1–5), null when nobody answered. */
  mean: number | null;
  /** Share of answers that agree (4 or 5), 0–1, null when nobody answered. */
  agreeShare: number | null;
}

export interface SurveyResult {
  surveyId: string;
  title: Text | null;
  responses: number;
  /** False when there are too few responses to show: `items` and `comments` are then empty. */
  shown: boolean;
  items: ItemResult[];
  /** The open comments' texts only, in alphabetical order (the order says nothing about who or when). */
  comments: string[];
}

const collator = new Intl.Collator('lv');

/** A course's surveys as its versions define them, newest wording first. */
async function surveyDefinitionsOf(courseId: number): Promise<Map<string, SurveyDefinition>> {
  const db = await getDb();
  const rows = await db
    .select({ surveys: courseVersions.surveys })
    .from(courseVersions)
    .where(eq(courseVersions.courseId, courseId))
    .orderBy(desc(courseVersions.id));
  const found = new Map<string, SurveyDefinition>();
  for (const row of rows) for (const survey of row.surveys) if (!found.has(survey.id)) found.set(survey.id, survey);
  return found;
}

/** The responses counted: one course, and only the learners of these cohorts when given. */
function scope(courseId: number, cohortIds: number[] | undefined): SQL | undefined {
  const members = (ids: number[]) =>
    inArray(
      surveyResponses.userId,
      sql`(SELECT ${cohortMembers.userId} FROM ${cohortMembers} INNER JOIN ${cohorts} ON ${cohorts.id} = ${cohortMembers.cohortId}
           WHERE ${cohortMembers.status} = 'enrolled' AND ${cohorts.courseId} = ${courseId} AND ${inArray(cohortMembers.cohortId, ids)})`,
    );
  return and(
    eq(surveyResponses.courseId, courseId),
    cohortIds === undefined ? undefined : cohortIds.length === 0 ? sql`0` : members(cohortIds),
  );
}

/**
 * The aggregate answers to a course's surveys: per survey the number of responses, per item
 * the count of each answer 1–5, the mean and the share agreeing, and the comments as texts
 * only. `cohortIds` limits it to those groups' learners. A survey with fewer than MIN_RESPONSES
 * responses shows only its count unless `reveal` (admins).
 */
export async function surveyResults(
  courseId: number,
  options: { cohortIds?: number[] | undefined; reveal: boolean },
): Promise<SurveyResult[]> {
  const db = await getDb();
  const where = scope(courseId, options.cohortIds);
  const [definitions, responseCounts, answerCounts] = await Promise.all([
    surveyDefinitionsOf(courseId),
    db
      .select({ surveyId: surveyResponses.surveyId, n: sql<number>`count(*)` })
      .from(surveyResponses)
      .where(where)
      .groupBy(surveyResponses.surveyId),
    db
      .select({
        surveyId: surveyResponses.surveyId,
        itemId: surveyAnswers.itemId,
        value: surveyAnswers.value,
        n: sql<number>`count(*)`,
      })
      .from(surveyAnswers)
      .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
      .where(where)
      .groupBy(surveyResponses.surveyId, surveyAnswers.itemId, surveyAnswers.value),
  ]);
  const counted = new Map(responseCounts.map((r) => [r.surveyId, Number(r.n)]));
  const ids = [...new Set([...definitions.keys(), ...counted.keys()])];
  const results: SurveyResult[] = [];
  for (const surveyId of ids) {
    const definition = definitions.get(surveyId);
    const responses = counted.get(surveyId) ?? 0;
    const shown = responses > 0 && (responses >= MIN_RESPONSES || options.reveal);
    const result: SurveyResult = {
      surveyId,
      title: definition?.title ?? null,
      responses,
      shown,
      items: [],
      comments: [],
    };
    results.push(result);
    if (!shown) continue;
    const answered = answerCounts.filter((a) => a.surveyId === surveyId);
    const itemIds = [
      ...new Set([...(definition?.items.map((i) => i.id) ?? []), ...answered.map((a) => a.itemId).sort()]),
    ];
    result.items = itemIds.map((itemId) => {
      const counts = LIKERT_VALUES.map((value) =>
        answered.filter((a) => a.itemId === itemId && a.value === value).reduce((sum, a) => sum + Number(a.n), 0),
      );
      return itemResult(itemId, definition?.items.find((i) => i.id === itemId)?.text ?? null, counts);
    });
    const comments = await db
      .select({ comment: surveyResponses.comment })
      .from(surveyResponses)
      .where(
        and(
          where,
          eq(surveyResponses.surveyId, surveyId),
          isNotNull(surveyResponses.comment),
          ne(surveyResponses.comment, ''),
        ),
      );
    result.comments = comments.flatMap((c) => (c.comment ? [c.comment] : [])).sort(collator.compare);
  }
  return results;
}

/** Counts, mean and share agreeing of one item from its counts of 1–5. */
export function itemResult(itemId: string, text: Text | null, counts: number[]): ItemResult {
  const answered = counts.reduce((a, b) => a + b, 0);
  const total = counts.reduce((sum, n, i) => sum + n * (i + 1), 0);
  const agree = counts.reduce((sum, n, i) => sum + (i + 1 >= AGREE_FROM ? n : 0), 0);
  return {
    itemId,
    text,
    counts,
    answered,
    mean: answered === 0 ? null : total / answered,
    agreeShare: answered === 0 ? null : agree / answered,
  };
}

export interface ResultsCourse {
  id: number;
  slug: string;
  title: Text;
}

export interface ResultsCohort {
  id: number;
  name: string;
  courseSlug: string;
}

/** What a viewer may pick on the results page: courses (admins) and the cohorts they run (all for admins). */
export async function resultChoices(
  viewer: SessionUser,
): Promise<{ courses: ResultsCourse[]; cohorts: ResultsCohort[] }> {
  if (viewer.role !== 'admin' && viewer.role !== 'trainer') throw new AppError('FORBIDDEN', 'error.forbidden');
  const db = await getDb();
  const rows = await db
    .select({ id: courses.id, slug: courses.slug, definition: courseVersions.definition })
    .from(courses)
    .innerJoin(courseVersions, eq(courseVersions.id, courses.currentVersionId))
    .orderBy(asc(courses.slug));
  const runs = await cohortsRunBy(viewer);
  const courseList = rows.map((r) => ({ id: r.id, slug: r.slug, title: (r.definition as CourseDefinition).title }));
  return {
    courses: courseList,
    cohorts: runs.map((c) => ({ id: c.id, name: c.name, courseSlug: c.courseSlug })),
  };
}

export interface ViewerResults {
  course: ResultsCourse;
  cohort: ResultsCohort | null;
  /** Whether groups under MIN_RESPONSES are shown anyway (admins). */
  revealed: boolean;
  surveys: SurveyResult[];
}

/**
 * The results a viewer asks for. Admins: a course, all its learners or one cohort's, every
 * group shown. Trainers: one cohort they run (its course follows), its learners only, and a
 * group under MIN_RESPONSES shows only its count. Trainers never get a course's results across
 * cohorts: the difference between two overlapping groups could show a few people's answers.
 */
export async function resultsForViewer(
  viewer: SessionUser,
  choice: { course?: string | undefined; cohort?: number | undefined },
): Promise<ViewerResults | null> {
  if (viewer.role !== 'admin' && viewer.role !== 'trainer') throw new AppError('FORBIDDEN', 'error.forbidden');
  const db = await getDb();
  let picked: { id: number; name: string; courseId: number } | null = null;
  if (choice.cohort !== undefined) {
    // Anyone but its trainers and admins gets "not found" (ids are not secrets).
    picked = await requireManagedCohort(viewer, choice.cohort);
  } else if (viewer.role === 'trainer' || choice.course === undefined) {
    return null;
  }
  const [course] = await db
    .select({ id: courses.id, slug: courses.slug, definition: courseVersions.definition })
    .from(courses)
    .innerJoin(courseVersions, eq(courseVersions.id, courses.currentVersionId))
    .where(picked ? eq(courses.id, picked.courseId) : eq(courses.slug, choice.course ?? ''));
  if (!course) throw new AppError('NOT_FOUND', 'error.course.notFound');
  const cohort = picked ? { id: picked.id, name: picked.name, courseSlug: course.slug } : null;
  const revealed = viewer.role === 'admin';
  return {
    course: { id: course.id, slug: course.slug, title: (course.definition as CourseDefinition).title },
    cohort,
    revealed,
    surveys: await surveyResults(course.id, { cohortIds: cohort ? [cohort.id] : undefined, reveal: revealed }),
  };
}

/** The item ids of a set of surveys in their order, then any others found, for export columns. */
function itemColumns(definitions: SurveyDefinition[], found: string[]): string[] {
  return [...new Set([...definitions.flatMap((s) => s.items.map((i) => i.id)), ...[...found].sort()])];
}

/**
 * Every response with the person who gave it (admins only, for the fund's audit): participant
 * id, name, e-mail, course, survey, submission time and one column per item. Never the comment.
 */
export async function responseExport(viewer: SessionUser, courseSlug?: string) {
  if (viewer.role !== 'admin') throw new AppError('FORBIDDEN', 'error.forbidden');
  const db = await getDb();
  const rows = await db
    .select({
      responseId: surveyResponses.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      slug: courses.slug,
      surveyId: surveyResponses.surveyId,
      submittedAt: surveyResponses.submittedAt,
      itemId: surveyAnswers.itemId,
      value: surveyAnswers.value,
    })
    .from(surveyResponses)
    .innerJoin(users, eq(users.id, surveyResponses.userId))
    .innerJoin(courses, eq(courses.id, surveyResponses.courseId))
    .leftJoin(surveyAnswers, eq(surveyAnswers.responseId, surveyResponses.id))
    .where(courseSlug ? eq(courses.slug, courseSlug) : undefined)
    .orderBy(asc(courses.slug), asc(surveyResponses.submittedAt), asc(surveyResponses.id));
  const current = await db
    .select({ surveys: courseVersions.surveys })
    .from(courses)
    .innerJoin(courseVersions, eq(courseVersions.id, courses.currentVersionId))
    .where(courseSlug ? eq(courses.slug, courseSlug) : undefined)
    .orderBy(asc(courses.slug));
  const items = itemColumns(
    current.flatMap((c) => c.surveys),
    rows.flatMap((r) => (r.itemId ? [r.itemId] : [])),
  );
  const responses = new Map<number, { row: (typeof rows)[number]; values: Map<string, number> }>();
  for (const row of rows) {
    const entry = responses.get(row.responseId) ?? { row, values: new Map<string, number>() };
    if (row.itemId !== null && row.value !== null) entry.values.set(row.itemId, row.value);
    responses.set(row.responseId, entry);
  }
  return {
    items,
    rows: [...responses.values()].map(({ row, values }) => ({
      userId: row.userId,
      name: row.name,
      email: row.email,
      course: row.slug,
      survey: row.surveyId,
      submittedAt: row.submittedAt,
      values: items.map((id) => values.get(id) ?? null),
    })),
  };
}

/** Every open comment with its course only (admins): no name, id or date; alphabetical per course. */
export async function commentExport(
  viewer: SessionUser,
  courseSlug?: string,
): Promise<{ course: string; comment: string }[]> {
  if (viewer.role !== 'admin') throw new AppError('FORBIDDEN', 'error.forbidden');
  const db = await getDb();
  const rows = await db
    .select({ course: courses.slug, comment: surveyResponses.comment })
    .from(surveyResponses)
    .innerJoin(courses, eq(courses.id, surveyResponses.courseId))
    .where(
      and(
        isNotNull(surveyResponses.comment),
        ne(surveyResponses.comment, ''),
        courseSlug ? eq(courses.slug, courseSlug) : undefined,
      ),
    );
  return rows
    .flatMap((r) => (r.comment ? [{ course: r.course, comment: r.comment }] : []))
    .sort((a, b) => collator.compare(a.course, b.course) || collator.compare(a.comment, b.comment));
}
