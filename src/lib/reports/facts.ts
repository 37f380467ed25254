import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { activitiesOf } from '../courses/completion.ts';
import { definitionsOf, quizOf } from '../courses/versions.ts';
import { prePostScores, type GainAttempt } from '../quiz/grading.ts';
import type { QuizDefinition } from '../quiz/schema.ts';
import type { Region, Sector } from '../reference/index.ts';
import { ATTENDED } from '../cohorts/attendance-facts.ts';
import { compactRows } from './compact-rows.ts';
import type { Mark, Participation } from './indicators.ts';

/** The item of every course survey that the "found the training useful" indicator reads. */
export const USEFUL_ITEM = 'useful';

type EnrolmentRow = [
  id: number,
  userId: number,
  courseId: number,
  sector: Sector,
  region: Region | null,
  institutionId: number | null,
  enrolledAt: number,
  startedAt: number | null,
  completedAt: number | null,
  cohortId: number | null,
];
type AttemptRow = [
  enrolmentId: number,
  activityId: string,
  number: number,
  status: GainAttempt['status'],
  percent: number | null,
  revision: number,
  startedAt: number,
  closedAt: number | null,
];

interface CourseQuizRoles {
  pre: string | null;
  post: string | null;
  postQuiz: Pick<QuizDefinition, 'grading'> | null;
}

/** The pre-test and post-test activities of each course, from its current version. */
async function quizRoles(): Promise<Map<number, CourseQuizRoles>> {
  const db = await getDb();
  const rows = await db.all<{ id: number; versionId: number }>(
    sql`SELECT id, current_version_id AS versionId FROM courses WHERE current_version_id IS NOT NULL`,
  );
  const definitions = await definitionsOf(rows.map((r) => r.versionId));
  const roles = new Map<number, CourseQuizRoles>();
  for (const row of rows) {
    const definition = definitions.get(row.versionId);
    if (!definition) continue;
    const quizzes = activitiesOf(definition).flatMap((a) => (a.kind === 'quiz' ? [a] : []));
    const pre = quizzes.find((a) => a.role === 'pre-test');
    const post = quizzes.find((a) => a.role === 'post-test');
    const bank = post ? await quizOf(row.versionId) : null;
    roles.set(row.id, {
      pre: pre?.id ?? null,
      post: post?.id ?? null,
      postQuiz: bank?.quizzes.find((q) => q.id === post?.quiz) ?? null,
    });
  }
  return roles;
}

/**
 * Every participation of the project (one per enrolment), sorted by person, with the dates
 * and results the indicators count. Five reads, each a single pass over its table: enrolments
 * (with the cohort of the same course the person is enrolled in), valid certificates, survey
 * answers, pre/post-test attempts and attendance marks of sessions not cancelled.
 */
export async function loadParticipations(userIds?: readonly number[]): Promise<Participation[]> {
  const db = await getDb();
  // Everyone, or only these people (after a change: see report.ts).
  const only = (column: SQL) =>
    userIds
      ? sql`${column} IN (${sql.join(
          userIds.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : sql`1 = 1`;
  const [enrolmentRows, certificateRows, surveyRows, attemptRows, markRows, roles] = await Promise.all([
    compactRows<EnrolmentRow>(
      db,
      sql`id, user_id, course_id, sector, region, institution_id, enrolled_at, started_at, completed_at, cohort_id`,
      sql`SELECT e.id, e.user_id, e.course_id, e.sector, e.region, e.institution_id,
            e.enrolled_at * 1000 AS enrolled_at, e.started_at * 1000 AS started_at, e.completed_at * 1000 AS completed_at,
            (SELECT min(m.cohort_id) FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
              WHERE m.user_id = e.user_id AND c.course_id = e.course_id AND m.status = 'enrolled') AS cohort_id
          FROM enrolments e WHERE ${only(sql`e.user_id`)} ORDER BY e.user_id, e.id`,
    ),
    // A certificate counts while the enrolment has a current one that is not revoked; a
    // reissue keeps the date of the first issue.
    compactRows<[number, number]>(
      db,
      sql`enrolment_id, first_issued`,
      sql`SELECT enrolment_id, min(issued_at) * 1000 AS first_issued FROM certificates WHERE ${only(sql`user_id`)} GROUP BY enrolment_id
          HAVING sum(replaced_by_id IS NULL AND revoked_at IS NULL) > 0`,
    ),
    compactRows<[number, number, number | null]>(
      db,
      sql`enrolment_id, responded, useful`,
      sql`SELECT r.enrolment_id, min(r.submitted_at) AS responded,
            min(CASE WHEN a.value >= 4 THEN r.submitted_at END) AS useful
          FROM survey_responses r LEFT JOIN survey_answers a ON a.response_id = r.id AND a.item_id = ${USEFUL_ITEM}
          WHERE ${only(sql`r.user_id`)} GROUP BY r.enrolment_id`,
    ),
    compactRows<AttemptRow>(
      db,
      sql`enrolment_id, activity_id, number, status, percent, revision, started_at, closed_at`,
      sql`SELECT enrolment_id, activity_id, number, status, percent, revision, started_at, closed_at FROM quiz_attempts
          WHERE ${only(sql`user_id`)}`,
    ),
    // Marks go to the participation of the same person and course (one enrolment per course).
    compactRows<[number, number, number]>(
      db,
      sql`enrolment_id, starts_at, attended`,
      sql`SELECT e.id AS enrolment_id, s.starts_at,
            a.status IN (${sql.join(
              ATTENDED.map((status) => sql`${status}`),
              sql`, `,
            )}) AS attended
          FROM attendance a
          JOIN cohort_sessions s ON s.id = a.session_id
          JOIN cohorts c ON c.id = s.cohort_id
          JOIN enrolments e ON e.user_id = a.user_id AND e.course_id = c.course_id
          WHERE s.cancelled_at IS NULL AND ${only(sql`a.user_id`)}`,
    ),
    quizRoles(),
  ]);

  const certified = new Map(certificateRows);
  const surveys = new Map(surveyRows.map(([id, responded, useful]) => [id, [responded, useful] as const]));
  const attempts = groupBy(attemptRows, (row) => row[0]);
  const marks = groupBy(markRows, (row) => row[0]);
  const markOf = ([, at, attended]: [number, number, number]): Mark => ({ at, attended: attended === 1 });

  // Plain assignments (no spreads): this runs for every enrolment of the project.
  return enrolmentRows.map(
    ([id, userId, courseId, sector, region, institutionId, enrolledAt, startedAt, completedAt, cohortId]) => {
      const survey = surveys.get(id);
      const scores = gainOf(roles.get(courseId), attempts.get(id) ?? []);
      const own = marks.get(id);
      return {
        userId,
        courseId,
        sector,
        region,
        institutionId,
        cohortId,
        enrolledAt,
        startedAt,
        completedAt,
        certifiedAt: certified.get(id) ?? null,
        respondedAt: survey?.[0] ?? null,
        usefulAt: survey?.[1] ?? null,
        pre: scores.pre,
        post: scores.post,
        postAt: scores.postAt,
        marks: own ? own.map(markOf) : NO_MARKS,
      };
    },
  );
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

const NO_MARKS: readonly Mark[] = Object.freeze([]);
const NO_SCORES = { pre: null, post: null, postAt: null };

function gainOf(roles: CourseQuizRoles | undefined, rows: readonly AttemptRow[]) {
  if (!roles?.pre || !roles.post || !roles.postQuiz || rows.length === 0) return NO_SCORES;
  const attempt = (r: AttemptRow): GainAttempt => ({
    number: r[2],
    status: r[3],
    percent: r[4],
    answered: r[5] > 0,
    startedAt: r[6],
    closedAt: r[7],
  });
  const firstPre = rows.find((r) => r[1] === roles.pre && r[2] === 1);
  const posts = rows.filter((r) => r[1] === roles.post).map(attempt);
  if (posts.length === 0) return NO_SCORES;
  return prePostScores(roles.postQuiz, firstPre ? attempt(firstPre) : null, posts);
}
