import { desc, eq, sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { auditEvents } from '../../../db/schema/index.ts';

export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'register',
  'password_reset_requested',
  'password_reset',
  'password_changed',
  'profile_updated',
  'data_exported',
  'account_deleted',
  'role_changed',
  'coordinator_institutions_changed',
  'user_deactivated',
  'user_reactivated',
  'user_created',
  'institution_created',
  'institution_updated',
  'courses_synced',
  'questions_imported',
  'cohort_announcement',
  'certificate_issued',
  'certificate_revoked',
  'certificate_reissued',
  'target_changed',
  'scorm_imported',
  'scorm_course_created',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditInput {
  action: AuditAction;
  actorUserId?: number | null;
  targetUserId?: number | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Records an event in the audit trail. Ids only: never names, e-mails or passwords. */
export async function audit(event: AuditInput): Promise<void> {
  const db = await getDb();
  await db.insert(auditEvents).values({
    action: event.action,
    actorUserId: event.actorUserId ?? null,
    targetUserId: event.targetUserId ?? null,
    details: event.details ?? null,
    ip: event.ip ?? null,
  });
}

export type AuditEvent = typeof auditEvents.$inferSelect;

/** The newest events first, optionally those about one user (as actor or target). */
export async function listAuditEvents(
  options: { userId?: number; action?: AuditAction; limit?: number; offset?: number } = {},
): Promise<AuditEvent[]> {
  const db = await getDb();
  const conditions = [];
  if (options.userId !== undefined) {
    conditions.push(
      sql`(${auditEvents.actorUserId} = ${options.userId} OR ${auditEvents.targetUserId} = ${options.userId})`,
    );
  }
  if (options.action) conditions.push(eq(auditEvents.action, options.action));
  return db
    .select()
    .from(auditEvents)
    .where(conditions.length ? sql.join(conditions, sql` AND `) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0);
}
