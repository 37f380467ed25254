import { eq } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { activitiesOf } from '../courses/completion.ts';
import { definitionOf, quizOf } from '../courses/versions.ts';
import type { Bilingual, QuizDefinition } from './schema.ts';
import { courses, enrolments } from '../../../db/schema/index.ts';
import type { AttemptView } from './attempts.ts';

export interface AttemptContext {
  slug: string;
  versionId: number;
  courseTitle: Bilingual;
  activityTitle: Bilingual;
  role: 'pre-test' | 'post-test' | 'practice' | 'graded';
  quiz: QuizDefinition;
}

/** The course, activity and quiz definition an attempt belongs to (for headings and rules). */
export async function attemptContext(
  attempt: Pick<AttemptView, 'enrolmentId' | 'activityId'>,
): Promise<AttemptContext> {
  const db = await getDb();
  const [row] = await db
    .select({ slug: courses.slug, versionId: enrolments.courseVersionId })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(eq(enrolments.id, attempt.enrolmentId));
  const definition = row && (await definitionOf(row.versionId));
  const activity = definition && activitiesOf(definition).find((a) => a.id === attempt.activityId);
  if (!row || !definition || activity?.kind !== 'quiz') throw new AppError('NOT_FOUND', 'error.quiz.notInVersion');
  const quiz = (await quizOf(row.versionId)).quizzes.find((q) => q.id === activity.quiz);
  if (!quiz) throw new AppError('NOT_FOUND', 'error.quiz.notInVersion');
  return {
    slug: row.slug,
    versionId: row.versionId,
    courseTitle: definition.title,
    activityTitle: activity.title,
    role: activity.role,
    quiz,
  };
}
