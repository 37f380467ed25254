import Papa from 'papaparse';

/**
 * A CSV download: RFC 4180 via papaparse, UTF-8 with a byte-order mark so that Excel (which
 * Latvian offices open CSV files with) shows ā, č, š… correctly, and a safe file name.
 */
export function csvResponse(fileName: string, header: string[], rows: (string | number | null)[][]): Response {
  const body = `\uFEFF${Papa.unparse({ fields: header, data: rows.map((r) => r.map(safe)) })}\r\n`;
  return new Response(body, { headers: csvHeaders(fileName) });
}

type CsvValue = string | number | null;

// A leading =, +, - or @ would make a spreadsheet run the cell as a formula (CSV injection).
const safe = (v: CsvValue) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : (v ?? ''));

const csvHeaders = (fileName: string) => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
  'Cache-Control': 'private, no-store',
});

/**
 * The same CSV, streamed: rows are written as they come (in chunks of 1,000), so a list of
 * 100,000 participants never sits in memory whole and the download starts at once.
 */
export function csvStreamResponse(fileName: string, header: string[], rows: AsyncIterable<CsvValue[]>): Response {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${Papa.unparse([header])}\r\n`));
      }
      const chunk: CsvValue[][] = [];
      while (chunk.length < 1000) {
        const next = await iterator.next();
        if (next.done) break;
        chunk.push(next.value.map(safe));
      }
      if (chunk.length) controller.enqueue(encoder.encode(`${Papa.unparse(chunk)}\r\n`));
      if (chunk.length < 1000) controller.close();
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(body, { headers: csvHeaders(fileName) });
}
