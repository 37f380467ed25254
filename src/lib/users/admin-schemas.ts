import { z } from 'zod';
import { idSchema, roleSchema } from './schemas.ts';

const toArray = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

/** The two forms of the admin's user page, told apart by their `intent` button. */
export const adminUserFormSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('role'),
    role: roleSchema,
    institutionIds: z.preprocess(toArray, z.array(idSchema).max(500)),
  }),
  z.object({ intent: z.literal('deactivate') }),
  z.object({ intent: z.literal('reactivate') }),
]);
