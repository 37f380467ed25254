import Papa from 'papaparse';

/**
 * A CSV download: RFC 4180 via papaparse, UTF-8 with a byte-order mark so that Excel (which
 * Latvian offices open CSV files with) shows ā, č, š… correctly, and a safe file name.
 */
export function csvResponse(fileName: string, header: string[], rows: (string | number | null)[][]): Response {
  // A leading =, +, - or @ would make a spreadsheet run the cell as a formula (CSV injection).
  const safe = (v: string | number | null) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : (v ?? ''));
  const body = `\uFEFF${Papa.unparse({ fields: header, data: rows.map((r) => r.map(safe)) })}\r\n`;
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
