import { z } from 'zod';
import { idSchema, sectorSchema } from '../users/schemas.ts';
import type { CertificateFilter } from './access.ts';

const day = z.iso.date().optional().catch(undefined);

/** The certificate list's filters from a query string; anything malformed is simply ignored. */
export const certificateFilterSchema = z.object({
  courseId: idSchema.optional().catch(undefined),
  sector: sectorSchema.optional().catch(undefined),
  person: z.string().trim().max(100).optional().catch(undefined),
  from: day,
  to: day,
});

export function parseCertificateFilter(params: URLSearchParams): CertificateFilter & { query: Record<string, string> } {
  const raw = certificateFilterSchema.parse(Object.fromEntries(params));
  const query = Object.fromEntries(
    Object.entries(raw)
      .filter((e): e is [string, string] => (typeof e[1] === 'string' && e[1] !== '') || typeof e[1] === 'number')
      .map(([k, v]) => [k, String(v)]),
  );
  return {
    courseId: raw.courseId,
    sector: raw.sector,
    person: raw.person || undefined,
    // Whole days in Rīga time are close enough to UTC days for a filter.
    from: raw.from ? new Date(`${raw.from}T00:00:00Z`) : undefined,
    to: raw.to ? new Date(`${raw.to}T23:59:59Z`) : undefined,
    query,
  };
}
