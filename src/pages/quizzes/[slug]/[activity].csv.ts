import type { APIRoute } from 'astro';
import { findCourseQuiz, statisticsOf } from '../../../lib/quiz/statistics-queries.ts';
import { csvResponse } from '../../../server/csv.ts';

/** Per-question statistics of one quiz as CSV (no personal data). */
export const GET: APIRoute = async ({ params, locals }) => {
  const found = await findCourseQuiz(params.slug ?? '', params.activity ?? '');
  if (!found) return new Response('Not found', { status: 404 });
  const stats = await statisticsOf(found);
  const { t, locale } = locals;
  return csvResponse(
    `${found.slug}-${found.activityId}-statistics.csv`,
    [
      t('quizStats.question'),
      'id',
      t('quizStats.attempts'),
      t('quizStats.facility'),
      t('quizStats.discrimination'),
      t('quizStats.distribution'),
    ],
    [
      [
        t('quizStats.allQuestions'),
        '',
        stats.attempts,
        stats.mean,
        null,
        `${t('quizStats.passRate')}: ${stats.passRate ?? ''}`,
      ],
      ...stats.questions.map((q) => [
        q.question?.text[locale] ?? q.questionId,
        q.questionId,
        q.attempts,
        q.facility,
        q.discrimination,
        q.distribution.map((d) => `${d.label[locale]}: ${d.count}`).join('; '),
      ]),
    ],
  );
};
