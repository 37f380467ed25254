import type { APIRoute } from 'astro';
import { requireRole } from '../../lib/auth/guards.ts';
import { parseReportQuery } from '../../lib/reports/filters.ts';
import { participantHeader, participantRows } from '../../lib/reports/participants.ts';
import { DIMENSIONS, projectReport, reportInstitutions } from '../../lib/reports/report.ts';
import { breakdownTable, targetsTable, totalsTable } from '../../lib/reports/tables.ts';
import { workbook } from '../../lib/reports/workbook.ts';
import { reportError } from '../../server/report-export.ts';

/**
 * The report as an XLSX workbook: totals and every sector against the targets, one sheet per breakdown and the
 * participant list (personal data only for admins), all following the page's filters.
 */
export const GET: APIRoute = async ({ locals, url }) => {
  const { t, locale } = locals;
  const me = requireRole(locals.user, 'coordinator', 'admin');
  const query = parseReportQuery(url.searchParams);
  if (!query) return reportError(400, t('error.report.filters'));
  return reportError.guard(t, async () => {
    const report = await projectReport(me, query.filters);
    const institutionIds = await reportInstitutions(me, query.filters);
    const personal = me.role === 'admin';
    const participants = [];
    for await (const row of participantRows(query.filters, institutionIds, personal, t)) participants.push(row);
    const buffer = await workbook([
      totalsTable(report, t),
      targetsTable(report, t),
      ...DIMENSIONS.map((d) => breakdownTable(report, d, t, locale)),
      { name: t('reports.sheet.participants'), header: participantHeader(personal, t), rows: participants },
    ]);
    return new Response(new Uint8Array(buffer), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': 'attachment; filename="tilts-report.xlsx"',
        'Cache-Control': 'private, no-store',
      },
    });
  });
};
