import type { APIRoute } from 'astro';
import { requireRole } from '../../lib/auth/guards.ts';
import { commentExport } from '../../lib/surveys/results.ts';
import { csvResponse } from '../../server/csv.ts';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Admins only: the open comments with their course and nothing else (no name, id or date), alphabetically. */
export const GET: APIRoute = async ({ locals, url, rewrite }) => {
  // Trainers pass the route rule of /surveys, but these files are for admins.
  if (locals.user?.role !== 'admin') return rewrite('/forbidden');
  const me = requireRole(locals.user, 'admin');
  const { t } = locals;
  const course = url.searchParams.get('course') ?? '';
  if (course && !SLUG.test(course)) return new Response(t('survey.results.badQuery'), { status: 400 });
  const rows = await commentExport(me, course || undefined);
  return csvResponse(
    course ? `survey-comments-${course}.csv` : 'survey-comments.csv',
    [t('survey.csv.course'), t('survey.csv.comment')],
    rows.map((r) => [r.course, r.comment]),
  );
};
