import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Who did what to whom, when. No foreign keys: the trail must outlive the rows it speaks of,
 * and it holds ids only, never names or e-mails (those are erased with the account).
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp' })
      .notNull()
      .default(sql`(unixepoch())`),
    actorUserId: integer('actor_user_id'),
    action: text('action').notNull(),
    targetUserId: integer('target_user_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
    ip: text('ip'),
  },
  (t) => [index('audit_at_idx').on(t.at), index('audit_target_idx').on(t.targetUserId)],
);
