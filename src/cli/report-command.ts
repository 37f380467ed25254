import { writeFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { closeDb } from '../lib/db.ts';
import { translator } from '../lib/i18n/translate.ts';
import { LOCALES } from '../lib/reference/index.ts';
import { computeReport, DIMENSIONS } from '../lib/reports/report.ts';
import { breakdownTable, targetsTable, totalsTable } from '../lib/reports/tables.ts';
import { workbook } from '../lib/reports/workbook.ts';
import type { Command } from './commands.ts';

const FORMATS = ['text', 'json', 'csv', 'xlsx'] as const;

/**
 * `report targets`: the project's indicators against their targets, overall and per sector,
 * counted by the same rules as the dashboard — as a table, JSON, CSV or an XLSX workbook (with
 * every breakdown) for the funder's progress report.
 */
export const reportTargetsCommand = (migrate: () => Promise<void>): Command => ({
  name: 'report targets',
  usage: '[--format text|json|csv|xlsx] [--out FILE] [--lang lv|en] [--from YYYY-MM-DD] [--to YYYY-MM-DD]',
  summary: "Indicators against the project's targets, overall and per sector",
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    lang: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  },
  async run(values) {
    const format = (values['format'] ?? 'text') as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw usage(`--format must be one of: ${FORMATS.join(', ')}`);
    const lang = (values['lang'] ?? 'en') as (typeof LOCALES)[number];
    if (!LOCALES.includes(lang)) throw usage('--lang must be lv or en');
    const date = (name: 'from' | 'to') => {
      const value = values[name];
      if (value === undefined) return null;
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
        throw usage(`--${name} must be a date YYYY-MM-DD`);
      }
      return value;
    };
    const out = typeof values['out'] === 'string' ? values['out'] : null;
    if (format === 'xlsx' && !out) throw usage('--format xlsx needs --out FILE');
    const filters = { from: date('from'), to: date('to') };
    if (filters.from && filters.to && filters.from > filters.to) throw usage('--from must not be after --to');

    await migrate();
    const t = translator(lang);
    const report = await computeReport(filters, null);
    const targets = targetsTable(report, t);
    let output: string | Uint8Array;
    if (format === 'xlsx') {
      output = await workbook([
        totalsTable(report, t),
        targets,
        ...DIMENSIONS.map((d) => breakdownTable(report, d, t, lang)),
      ]);
    } else if (format === 'json') {
      output = `${JSON.stringify(
        {
          generatedAt: report.generatedAt.toISOString(),
          filters,
          rows: targets.rows.map(([, sector, , indicator, value, target, percent]) => ({
            sector,
            indicator,
            value,
            target,
            percent,
          })),
        },
        null,
        2,
      )}\n`;
    } else if (format === 'csv') {
      output = `\uFEFF${Papa.unparse({ fields: targets.header, data: targets.rows })}\r\n`;
    } else {
      const cell = (v: unknown) => (v === null ? '—' : String(v));
      output = `${targets.rows
        .map(([sector, , indicator, , value, target, percent]) =>
          [
            String(sector).padEnd(26),
            String(indicator).padEnd(34),
            cell(value).padStart(8),
            cell(target).padStart(8),
            `${cell(percent)}${percent === null ? '' : ' %'}`.padStart(9),
          ].join(' '),
        )
        .join('\n')}\n`;
    }
    if (out) {
      await writeFile(out, output);
      process.stdout.write(`report written to ${out} (${format}, ${output.length} bytes)\n`);
    } else {
      process.stdout.write(output);
    }
    await closeDb();
  },
});

/** A bad option: the CLI exits with 2 for errors whose code starts like node's own argument errors. */
function usage(message: string): Error {
  const error = new Error(message);
  (error as { code?: string }).code = 'ERR_PARSE_ARGS_USAGE';
  return error;
}
