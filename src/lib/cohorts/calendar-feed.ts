import { eq } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { generateToken, hashToken, TOKEN_PATTERN } from '../auth/tokens.ts';
import { calendarFeeds, users } from '../../../db/schema/index.ts';

/** A new secret feed address token for a learner; the previous one stops working. */
export async function renewFeedToken(userId: number, now = new Date()): Promise<string> {
  const token = generateToken();
  const db = await getDb();
  await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash: hashToken(token), createdAt: now })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash: hashToken(token), createdAt: now } });
  return token;
}

/** Whether the learner has a feed address (its token cannot be shown again: only its hash is kept). */
export async function hasFeed(userId: number): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId));
  return row !== undefined;
}

/** The active learner a feed token belongs to, or null (a malformed token never reaches the database). */
export async function feedOwner(token: string): Promise<{ id: number; locale: 'lv' | 'en' } | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id, locale: users.locale, status: users.status })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(eq(calendarFeeds.tokenHash, hashToken(token)));
  return row && row.status === 'active' ? { id: row.id, locale: row.locale } : null;
}
