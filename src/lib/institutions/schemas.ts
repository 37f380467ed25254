import { z } from 'zod';
import { regionSchema, sectorSchema } from '../users/schemas.ts';

export const institutionSchema = z.object({
  name: z
    .string({ error: 'error.required' })
    .trim()
    .min(2, { error: 'error.institution.name' })
    .max(200, { error: 'error.institution.name' })
    // eslint-disable-next-line no-control-regex
    .refine((v) => !/[\u0000-\u001f\u007f-\u009f<>]/.test(v), { error: 'error.institution.name' }),
  // Latvian registration numbers (Uzņēmumu reģistrs, Valsts ieņēmumu dienests) have 11 digits.
  registrationNumber: z
    .string({ error: 'error.required' })
    .trim()
    .regex(/^\d{11}$/, { error: 'error.institution.regno' }),
  sector: sectorSchema,
  region: regionSchema,
});
export type InstitutionInput = z.infer<typeof institutionSchema>;
