import type { APIRoute } from 'astro';
import { requireRole } from '../../../lib/auth/guards.ts';
import { cohortProgress } from '../../../lib/cohorts/progress.ts';
import { AppError } from '../../../lib/errors.ts';
import { csvResponse } from '../../../server/csv.ts';

/** The cohort's progress matrix as CSV, for its trainers. */
export const GET: APIRoute = async ({ params, locals }) => {
  const me = requireRole(locals.user, 'trainer', 'admin');
  const { t, locale } = locals;
  try {
    const progress = await cohortProgress(me, Number(params.id));
    return csvResponse(
      `cohort-${Number(params.id)}-progress.csv`,
      [
        t('table.name'),
        t('table.email'),
        t('table.institution'),
        ...progress.activities.map((a) => a.title[locale]),
        t('cohort.attendance'),
        t('cohort.courseDone'),
      ],
      progress.rows.map((r) => [
        r.name,
        r.email,
        r.institution,
        ...progress.activities.map((a) =>
          [r.quizScores.has(a.id) ? `${r.quizScores.get(a.id)} %` : '', r.completed.has(a.id) ? t('cohort.done') : '']
            .filter(Boolean)
            .join(' · '),
        ),
        `${r.attended}/${progress.sessions}`,
        r.courseCompletedAt ? r.courseCompletedAt.toISOString().slice(0, 10) : '',
      ]),
    );
  } catch (error) {
    if (error instanceof AppError) return new Response('Not found', { status: 404 });
    throw error;
  }
};
