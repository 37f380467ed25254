import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { activitiesOf } from '../courses/completion.ts';
import { listCatalogue } from '../courses/learning.ts';
import type { CourseDefinition } from '../courses/schema.ts';
import { quizOf } from '../courses/versions.ts';
import { courses, enrolments, quizAnswers, quizAttempts, users } from '../../../db/schema/index.ts';
import { prePostScores, type GainAttempt } from './grading.ts';
import type { Question, QuizDefinition } from './schema.ts';
import {
  knowledgeGain,
  quizStatistics,
  type GainRow,
  type GainSummary,
  type QuizStatistics,
  type ScoredAttempt,
} from './statistics.ts';
import { mean, median } from './statistics.ts';

export interface CourseQuiz {
  slug: string;
  courseTitle: CourseDefinition['title'];
  activityId: string;
  activityTitle: CourseDefinition['title'];
  role: 'pre-test' | 'post-test' | 'practice' | 'graded';
  quiz: QuizDefinition;
  questions: Question[];
}

/** Every quiz activity of the published courses (current versions), with the bank it draws from. */
export async function courseQuizzes(): Promise<CourseQuiz[]> {
  const out: CourseQuiz[] = [];
  for (const course of await listCatalogue()) {
    const bank = await quizOf(course.versionId);
    for (const activity of activitiesOf(course.definition)) {
      if (activity.kind !== 'quiz') continue;
      const quiz = bank.quizzes.find((q) => q.id === activity.quiz);
      if (!quiz) continue;
      const categories = new Set(quiz.select.map((s) => s.category));
      out.push({
        slug: course.slug,
        courseTitle: course.definition.title,
        activityId: activity.id,
        activityTitle: activity.title,
        role: activity.role,
        quiz,
        questions: bank.questions.filter((q) => categories.has(q.category)),
      });
    }
  }
  return out;
}

export async function findCourseQuiz(slug: string, activityId: string): Promise<CourseQuiz | null> {
  return (await courseQuizzes()).find((q) => q.slug === slug && q.activityId === activityId) ?? null;
}

/** Closed attempts at one quiz activity of a course, all versions, with their scored answers. */
async function scoredAttempts(slug: string, activityId: string): Promise<ScoredAttempt[]> {
  const db = await getDb();
  const attempts = await db
    .select({
      id: quizAttempts.id,
      userId: quizAttempts.userId,
      percent: quizAttempts.percent,
      passed: quizAttempts.passed,
      earned: quizAttempts.earned,
      points: quizAttempts.points,
      // Only the drawn questions' ids, not the attempt's copy of every question.
      questionIds: sql<string>`(select json_group_array(json_extract(value, '$.question.id')) from json_each(${quizAttempts.layout}, '$.questions'))`,
    })
    .from(quizAttempts)
    .innerJoin(enrolments, eq(enrolments.id, quizAttempts.enrolmentId))
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(and(eq(courses.slug, slug), eq(quizAttempts.activityId, activityId), ne(quizAttempts.status, 'open')))
    .orderBy(asc(quizAttempts.id));
  if (attempts.length === 0) return [];
  const answers = await db
    .select()
    .from(quizAnswers)
    .where(
      inArray(
        quizAnswers.attemptId,
        attempts.map((a) => a.id),
      ),
    );
  const byAttempt = new Map<number, ScoredAttempt['answers']>();
  for (const a of answers) {
    const map = byAttempt.get(a.attemptId) ?? new Map();
    map.set(a.questionId, { earned: a.earned ?? 0, points: a.points ?? 0, response: a.response });
    byAttempt.set(a.attemptId, map);
  }
  return attempts.map((a) => ({
    attemptId: a.id,
    userId: a.userId,
    percent: a.percent ?? 0,
    passed: a.passed ?? false,
    earned: a.earned ?? 0,
    points: a.points ?? 0,
    answers: byAttempt.get(a.id) ?? new Map(),
    questionIds: JSON.parse(a.questionIds) as string[],
  }));
}

export async function statisticsOf(courseQuiz: CourseQuiz): Promise<QuizStatistics> {
  return quizStatistics(
    await scoredAttempts(courseQuiz.slug, courseQuiz.activityId),
    new Map(courseQuiz.questions.map((q) => [q.id, q])),
  );
}

export interface GainReport {
  slug: string;
  courseTitle: CourseDefinition['title'];
  overall: GainSummary;
  bySector: { sector: string; summary: GainSummary }[];
}

/**
 * Knowledge gain per course and per course × sector: each learner's first pre-test attempt
 * against their post-test grade (by the post-test's grading method), over learners who took
 * both. A pre-test counts only if it was actually taken (submitted, or closed at its time limit
 * with answers) and closed before the learner's first post-test began: one taken afterwards
 * measures nothing before the training.
 */
export async function knowledgeGainReport(): Promise<GainReport[]> {
  const db = await getDb();
  const quizzes = await courseQuizzes();
  const reports: GainReport[] = [];
  for (const slug of [...new Set(quizzes.map((q) => q.slug))]) {
    const pre = quizzes.find((q) => q.slug === slug && q.role === 'pre-test');
    const post = quizzes.find((q) => q.slug === slug && q.role === 'post-test');
    if (!pre || !post) continue;
    const rows = await db
      .select({
        userId: quizAttempts.userId,
        sector: users.sector,
        activityId: quizAttempts.activityId,
        number: quizAttempts.number,
        status: quizAttempts.status,
        percent: quizAttempts.percent,
        startedAt: quizAttempts.startedAt,
        closedAt: quizAttempts.closedAt,
        answered: sql<number>`(select count(*) from ${quizAnswers} where ${quizAnswers.attemptId} = ${quizAttempts.id})`,
      })
      .from(quizAttempts)
      .innerJoin(enrolments, eq(enrolments.id, quizAttempts.enrolmentId))
      .innerJoin(courses, eq(courses.id, enrolments.courseId))
      .innerJoin(users, eq(users.id, quizAttempts.userId))
      .where(and(eq(courses.slug, slug), inArray(quizAttempts.activityId, [pre.activityId, post.activityId])));
    const learners = new Map<
      number,
      { sector: string; pre: (typeof rows)[number] | null; posts: (typeof rows)[number][] }
    >();
    for (const r of rows) {
      const row = learners.get(r.userId) ?? { sector: r.sector, pre: null, posts: [] };
      if (r.activityId === pre.activityId && r.number === 1) row.pre = r;
      if (r.activityId === post.activityId) row.posts.push(r);
      learners.set(r.userId, row);
    }
    const gainAttempt = (a: (typeof rows)[number]): GainAttempt => ({
      number: a.number,
      status: a.status,
      percent: a.percent,
      answered: a.answered > 0,
      startedAt: a.startedAt.getTime(),
      closedAt: a.closedAt?.getTime() ?? null,
    });
    const all: GainRow[] = [...learners].map(([userId, r]) => {
      const { pre: preScore, post: postScore } = prePostScores(
        post.quiz,
        r.pre ? gainAttempt(r.pre) : null,
        r.posts.map(gainAttempt),
      );
      return { userId, sector: r.sector, pre: preScore, post: postScore };
    });
    const sectors = [...new Set(all.map((r) => r.sector))].sort();
    reports.push({
      slug,
      courseTitle: pre.courseTitle,
      overall: knowledgeGain(all),
      bySector: sectors.map((sector) => ({ sector, summary: knowledgeGain(all.filter((r) => r.sector === sector)) })),
    });
  }
  return reports;
}

export interface QuizSummary {
  attempts: number;
  mean: number | null;
  median: number | null;
  passRate: number | null;
}

/** Attempts, mean, median and pass rate of every quiz activity, by "slug/activity", in one read. */
export async function quizSummaries(): Promise<Map<string, QuizSummary>> {
  const db = await getDb();
  const rows = await db
    .select({
      slug: courses.slug,
      activityId: quizAttempts.activityId,
      percents: sql<string>`json_group_array(${quizAttempts.percent})`,
      passed: sql<number>`sum(${quizAttempts.passed})`,
    })
    .from(quizAttempts)
    .innerJoin(enrolments, eq(enrolments.id, quizAttempts.enrolmentId))
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(ne(quizAttempts.status, 'open'))
    .groupBy(courses.slug, quizAttempts.activityId);
  return new Map(
    rows.map((r) => {
      const percents = (JSON.parse(r.percents) as (number | null)[]).map((p) => p ?? 0);
      return [
        `${r.slug}/${r.activityId}`,
        {
          attempts: percents.length,
          mean: mean(percents),
          median: median(percents),
          passRate: percents.length ? Math.round((r.passed / percents.length) * 10_000) / 100 : null,
        },
      ];
    }),
  );
}
