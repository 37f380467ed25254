import { z } from 'zod';
import { LOCALES, REGIONS, ROLES, SECTORS } from '../reference/index.ts';
import { PASSWORD_MAX_LENGTH } from '../auth/password.ts';

// Every message here is a message-catalogue key; pages translate it for the user.

/** Letters of any script, combining marks, spaces, dots, hyphens and apostrophes. */
const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export const nameSchema = z
  .string({ error: 'error.required' })
  .trim()
  .min(2, { error: 'error.name.short' })
  .max(100, { error: 'error.name.long' })
  .regex(NAME_PATTERN, { error: 'error.name.characters' });

export const emailSchema = z
  .string({ error: 'error.required' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'error.email.invalid' })
  .pipe(z.email({ error: 'error.email.invalid' }));

export const positionSchema = z
  .string()
  .trim()
  .max(120, { error: 'error.position.long' })
  .refine((v) => !CONTROL_CHARACTERS.test(v) && !/[<>]/.test(v), { error: 'error.position.characters' })
  .optional()
  .transform((v) => (v ? v : null));

/** Password as typed; strength is judged by passwordProblem (it needs the e-mail too). */
export const passwordInputSchema = z
  .string({ error: 'error.required' })
  .min(1, { error: 'error.required' })
  .max(PASSWORD_MAX_LENGTH * 4, { error: 'error.password.long' });

export const sectorSchema = z.enum(SECTORS, { error: 'error.sector.invalid' });
export const regionSchema = z.enum(REGIONS, { error: 'error.region.invalid' });
export const localeSchema = z.enum(LOCALES, { error: 'error.locale.invalid' });
export const roleSchema = z.enum(ROLES, { error: 'error.role.invalid' });
export const idSchema = z.coerce
  .number({ error: 'error.id.invalid' })
  .int({ error: 'error.id.invalid' })
  .positive({ error: 'error.id.invalid' });

/** Profile fields a person sets about themselves (registration and profile edit). */
export const profileSchema = z.object({
  name: nameSchema,
  sector: sectorSchema,
  institutionId: z.coerce
    .number({ error: 'error.institution.unknown' })
    .int({ error: 'error.institution.unknown' })
    .positive({ error: 'error.institution.unknown' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'error.institution.unknown' }),
  position: positionSchema,
  region: regionSchema,
  locale: localeSchema,
});
export type ProfileInput = z.infer<typeof profileSchema>;

/** Registration: the profile plus credentials and consent. Unknown fields (a forged `role`) are dropped. */
export const registrationSchema = profileSchema.extend({
  email: emailSchema,
  password: passwordInputSchema,
  // A checked checkbox posts "on"; an unchecked one posts nothing.
  consent: z.preprocess((v) => v === 'on' || v === true, z.literal(true, { error: 'error.consent.required' })),
});
export type RegistrationInput = z.infer<typeof registrationSchema>;

export const loginSchema = z.object({
  email: emailSchema,
  password: passwordInputSchema,
});

export const passwordChangeSchema = z.object({
  currentPassword: passwordInputSchema,
  newPassword: passwordInputSchema,
});

export const userSearchSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  sector: sectorSchema.optional().catch(undefined),
  role: roleSchema.optional().catch(undefined),
  institutionId: idSchema.optional().catch(undefined),
  status: z.enum(['active', 'deactivated', 'deleted']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type UserSearch = z.infer<typeof userSearchSchema>;
