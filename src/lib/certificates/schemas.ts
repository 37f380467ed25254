import { z } from 'zod';

const number = z.string().trim().min(1).max(40);

/** The admin's two actions on a certificate, told apart by the button's `intent`. */
export const certificateActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('revoke'),
    number,
    reason: z
      .string()
      .trim()
      .min(3, { error: 'error.certificate.reason' })
      .max(500, { error: 'error.certificate.reason' })
      // eslint-disable-next-line no-control-regex
      .refine((v) => !/[\u0000-\u001f<>]/.test(v), { error: 'error.certificate.reason' }),
  }),
  z.object({ intent: z.literal('reissue'), number }),
]);
