import { count, eq, gt } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { auditEvents, institutions, users } from '../../../db/schema/index.ts';

/** Headline counts for the home and admin pages: active people, institutions, recent events. */
export async function platformCounts(): Promise<{ users: number; institutions: number; eventsLastDay: number }> {
  const db = await getDb();
  const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
  const [u, i, e] = await db.batch([
    db.select({ n: count() }).from(users).where(eq(users.status, 'active')),
    db.select({ n: count() }).from(institutions),
    db.select({ n: count() }).from(auditEvents).where(gt(auditEvents.at, since)),
  ]);
  return { users: u[0]?.n ?? 0, institutions: i[0]?.n ?? 0, eventsLastDay: e[0]?.n ?? 0 };
}
