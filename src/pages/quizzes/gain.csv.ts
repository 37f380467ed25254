import type { APIRoute } from 'astro';
import { knowledgeGainReport } from '../../lib/quiz/statistics-queries.ts';
import { csvResponse } from '../../server/csv.ts';

/** Knowledge gain per course and sector as CSV (aggregates only). */
export const GET: APIRoute = async ({ locals }) => {
  const { t, locale } = locals;
  const rows = (await knowledgeGainReport()).flatMap((g) =>
    [
      { sector: t('quizStats.allSectors'), summary: g.overall },
      ...g.bySector.map((s) => ({ sector: s.sector, summary: s.summary })),
    ].map(({ sector, summary }) => [
      g.courseTitle[locale],
      g.slug,
      sector,
      summary.learners,
      summary.meanPre,
      summary.meanPost,
      summary.meanGain,
      summary.preOnly,
    ]),
  );
  return csvResponse(
    'knowledge-gain.csv',
    [
      t('quizStats.course'),
      'slug',
      t('quizStats.sector'),
      t('quizStats.learnersBoth'),
      t('quizStats.meanPre'),
      t('quizStats.meanPost'),
      t('quizStats.meanGain'),
      t('quizStats.preOnly'),
    ],
    rows,
  );
};
