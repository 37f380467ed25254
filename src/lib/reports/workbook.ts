import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';
import type { Table } from './tables.ts';

/** Excel allows 31 characters in a sheet name and none of : \ / ? * [ ]. */
const sheetName = (name: string, used: Set<string>) => {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28) || 'Sheet';
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base} ${n}`;
  used.add(candidate.toLowerCase());
  return candidate;
};

const cell = (value: string | number | null): Cell =>
  value === null ? null : typeof value === 'number' ? { value, type: Number } : { value, type: String };

/**
 * An XLSX workbook with one sheet per table: a bold, frozen header row and typed cells
 * (numbers stay numbers, so a funder's officer can sum and chart them; text is never read as
 * a formula).
 */
export async function workbook(tables: readonly Table[]): Promise<Buffer> {
  const used = new Set<string>();
  const sheets = tables.map((table) => {
    const header: Row = table.header.map((h) => ({ value: h, type: String, fontWeight: 'bold' }));
    const rows: Row[] = table.rows.map((r) => r.map(cell));
    return {
      sheet: sheetName(table.name, used),
      data: [header, ...rows],
      stickyRowsCount: 1,
      columns: table.header.map((h, i) => ({
        width: Math.min(
          48,
          Math.max(10, h.length + 2, ...table.rows.slice(0, 200).map((r) => String(r[i] ?? '').length + 2)),
        ),
      })),
    };
  });
  return writeXlsxFile(sheets).toBuffer();
}
