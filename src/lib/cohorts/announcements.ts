import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../db.ts';
import type { SessionUser } from '../auth/types.ts';
import { audit } from '../audit/index.ts';
import { sendMail } from '../mail/index.ts';
import { cohortMembers, users } from '../../../db/schema/index.ts';
import { requireManagedCohort } from './cohorts.ts';

export const announcementSchema = z.object({
  subject: z.string().trim().min(3, { error: 'error.cohort.subject' }).max(150, { error: 'error.cohort.subject' }),
  message: z.string().trim().min(10, { error: 'error.cohort.message' }).max(5000, { error: 'error.cohort.message' }),
});
export type Announcement = z.infer<typeof announcementSchema>;

/**
 * E-mails an announcement from a trainer to every learner enrolled in the cohort (not the
 * waiting list), each message addressed to one person (no list of addresses is disclosed).
 * Returns how many were sent; a failed delivery is logged and does not stop the others.
 */
export async function announce(actor: SessionUser, cohortId: number, input: Announcement, ip: string): Promise<number> {
  const cohort = await requireManagedCohort(actor, cohortId);
  const db = await getDb();
  const recipients = await db
    .select({ email: users.email })
    .from(cohortMembers)
    .innerJoin(users, eq(users.id, cohortMembers.userId))
    .where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.status, 'enrolled'), eq(users.status, 'active')));
  await Promise.all(
    recipients.map((r) =>
      sendMail({
        to: r.email,
        subject: `${cohort.name}: ${input.subject}`,
        text: `${input.message}\n\n— ${actor.name}`,
      }).catch((error: unknown) => console.error('[mail] announcement could not be sent:', error)),
    ),
  );
  await audit({
    action: 'cohort_announcement',
    actorUserId: actor.id,
    ip,
    details: { cohortId, recipients: recipients.length },
  });
  return recipients.length;
}
