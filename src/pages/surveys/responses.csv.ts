import type { APIRoute } from 'astro';
import { requireRole } from '../../lib/auth/guards.ts';
import { responseExport } from '../../lib/surveys/results.ts';
import { csvResponse } from '../../server/csv.ts';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Admins only: every survey response with who gave it and one column per statement (1–5), for
 * the fund's audit trail. The open comments are not in it (they are exported without names).
 */
export const GET: APIRoute = async ({ locals, url, rewrite }) => {
  // Trainers pass the route rule of /surveys, but these files are for admins.
  if (locals.user?.role !== 'admin') return rewrite('/forbidden');
  const me = requireRole(locals.user, 'admin');
  const { t } = locals;
  const course = url.searchParams.get('course') ?? '';
  if (course && !SLUG.test(course)) return new Response(t('survey.results.badQuery'), { status: 400 });
  const { items, rows } = await responseExport(me, course || undefined);
  return csvResponse(
    course ? `survey-responses-${course}.csv` : 'survey-responses.csv',
    [
      t('survey.csv.participant'),
      t('survey.csv.name'),
      t('survey.csv.email'),
      t('survey.csv.course'),
      t('survey.csv.survey'),
      t('survey.csv.submitted'),
      ...items,
    ],
    rows.map((r) => [r.userId, r.name, r.email, r.course, r.survey, r.submittedAt.toISOString(), ...r.values]),
  );
};
