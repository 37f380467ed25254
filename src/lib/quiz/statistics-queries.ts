import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { activitiesOf } from '../courses/completion.ts';
import { listCatalogue } from '../courses/learning.ts';
import type { CourseDefinition } from '../courses/schema.ts';
import { quizOf } from '../courses/versions.ts';
import { courses, enrolments, quizAnswers, quizAttempts, users } from '../../../db/schema/index.ts';
import { quizGrade } from './grading.ts';
import type { Question, QuizDefinition } from './schema.ts';
import {
  knowledgeGain,
  quizStatistics,
  type GainRow,
  type GainSummary,
  type QuizStatistics,
  type ScoredAttempt,
} from './statistics.ts';

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
      layout: quizAttempts.layout,
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
    answers: byAttempt.get(a.id) ?? new Map(),
    questionIds: a.layout.questions.map((q) => q.question.id),
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
 * against their post-test grade (by the post-test's grading method), over learners who took both.
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
        percent: quizAttempts.percent,
      })
      .from(quizAttempts)
      .innerJoin(enrolments, eq(enrolments.id, quizAttempts.enrolmentId))
      .innerJoin(courses, eq(courses.id, enrolments.courseId))
      .innerJoin(users, eq(users.id, quizAttempts.userId))
      .where(
        and(
          eq(courses.slug, slug),
          inArray(quizAttempts.activityId, [pre.activityId, post.activityId]),
          ne(quizAttempts.status, 'open'),
        ),
      );
    const learners = new Map<number, GainRow & { posts: { number: number; percent: number }[] }>();
    for (const r of rows) {
      const row = learners.get(r.userId) ?? { userId: r.userId, sector: r.sector, pre: null, post: null, posts: [] };
      if (r.activityId === pre.activityId && r.number === 1) row.pre = r.percent ?? 0;
      if (r.activityId === post.activityId) row.posts.push({ number: r.number, percent: r.percent ?? 0 });
      learners.set(r.userId, row);
    }
    const all = [...learners.values()].map((r) => ({ ...r, post: quizGrade(post.quiz, r.posts) }));
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
