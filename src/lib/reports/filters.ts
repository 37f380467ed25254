import { z } from 'zod';
import { REGIONS, SECTORS } from '../reference/index.ts';
import { UNIQUE_INDICATORS } from './indicators.ts';
import { DIMENSIONS, type Dimension, type ReportFilters } from './report.ts';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

/** The report's query string, checked at the boundary (unknown values are refused, not ignored). */
const querySchema = z
  .object({
    from: optional(z.iso.date()),
    to: optional(z.iso.date()),
    course: optional(z.string().regex(/^[a-z0-9-]{1,80}$/)),
    sector: optional(z.enum(SECTORS)),
    region: optional(z.enum(REGIONS)),
    institution: optional(z.coerce.number().int().positive()),
    by: optional(z.enum(DIMENSIONS)),
    trend: optional(z.enum(UNIQUE_INDICATORS)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to);

export interface ReportQuery {
  filters: ReportFilters;
  by: Dimension;
  trend: (typeof UNIQUE_INDICATORS)[number];
}

/** The filters of a report URL, or null when any is malformed. */
export function parseReportQuery(params: URLSearchParams): ReportQuery | null {
  const parsed = querySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) return null;
  const q = parsed.data;
  return {
    filters: {
      from: q.from ?? null,
      to: q.to ?? null,
      course: q.course ?? null,
      sector: q.sector ?? null,
      region: q.region ?? null,
      institutionId: q.institution ?? null,
    },
    by: q.by ?? 'institution',
    trend: q.trend ?? 'completed',
  };
}

/** The query string of filters (for export links that follow the page's filters). */
export function reportQueryString(query: ReportQuery): string {
  const f = query.filters;
  const params = new URLSearchParams();
  const add = (name: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  };
  add('from', f.from);
  add('to', f.to);
  add('course', f.course);
  add('sector', f.sector);
  add('region', f.region);
  add('institution', f.institutionId);
  add('by', query.by);
  add('trend', query.trend);
  return params.toString();
}
