import type { APIRoute } from 'astro';
import { requireRole } from '../../lib/auth/guards.ts';
import { parseReportQuery } from '../../lib/reports/filters.ts';
import { projectReport } from '../../lib/reports/report.ts';
import { breakdownTable } from '../../lib/reports/tables.ts';
import { csvResponse } from '../../server/csv.ts';
import { reportError } from '../../server/report-export.ts';

/** One breakdown of the report (the page's filters) as CSV: aggregates only. */
export const GET: APIRoute = async ({ locals, url }) => {
  const { t, locale } = locals;
  const me = requireRole(locals.user, 'coordinator', 'admin');
  const query = parseReportQuery(url.searchParams);
  if (!query) return reportError(400, t('error.report.filters'));
  return reportError.guard(t, async () => {
    const table = breakdownTable(await projectReport(me, query.filters, [query.by]), query.by, t, locale);
    return csvResponse(`tilts-${query.by}.csv`, table.header, table.rows);
  });
};
