import type { APIRoute } from 'astro';
import { requireRole } from '../../lib/auth/guards.ts';
import { parseReportQuery } from '../../lib/reports/filters.ts';
import { participantHeader, participantRows } from '../../lib/reports/participants.ts';
import { reportInstitutions } from '../../lib/reports/report.ts';
import { csvStreamResponse } from '../../server/csv.ts';
import { reportError } from '../../server/report-export.ts';

/** The participant list the fund asks for, streamed; names, e-mails and answers only for admins. */
export const GET: APIRoute = async ({ locals, url }) => {
  const { t } = locals;
  const me = requireRole(locals.user, 'coordinator', 'admin');
  const query = parseReportQuery(url.searchParams);
  if (!query) return reportError(400, t('error.report.filters'));
  return reportError.guard(t, async () => {
    const personal = me.role === 'admin';
    const institutionIds = await reportInstitutions(me, query.filters);
    return csvStreamResponse(
      'tilts-participants.csv',
      participantHeader(personal, t),
      participantRows(query.filters, institutionIds, personal, t),
    );
  });
};
