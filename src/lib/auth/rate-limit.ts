import { sql } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { rateLimits } from '../../../db/schema/index.ts';

export interface RateLimitRule {
  /** Attempts allowed per window. */
  limit: number;
  /** Window length in seconds. */
  windowSeconds: number;
}

/** Limits for the endpoints an attacker would hammer; per account and per client address. */
export const RATE_LIMITS = {
  loginPerAccount: { limit: 10, windowSeconds: 15 * 60 },
  loginPerIp: { limit: 50, windowSeconds: 15 * 60 },
  // A whole class registering from one school network in one session is normal.
  registerPerIp: { limit: 60, windowSeconds: 60 * 60 },
  resetPerAccount: { limit: 3, windowSeconds: 60 * 60 },
  resetPerIp: { limit: 20, windowSeconds: 60 * 60 },
  verifyPerIp: { limit: 60, windowSeconds: 10 * 60 },
} satisfies Record<string, RateLimitRule>;

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets (meaningful when not allowed). */
  retryAfterSeconds: number;
}

/**
 * Counts one attempt against `key` and says whether it is within the rule. A single
 * upsert-with-RETURNING does the read and the write atomically, so two app instances (or two
 * requests at once) cannot both slip under the limit.
 */
export async function consumeRateLimit(key: string, rule: RateLimitRule, now = Date.now()): Promise<RateLimitResult> {
  const db = await getDb();
  const nowSeconds = Math.floor(now / 1000);
  const resetAt = nowSeconds + rule.windowSeconds;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, resetAt })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.resetAt} <= ${nowSeconds} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        resetAt: sql`CASE WHEN ${rateLimits.resetAt} <= ${nowSeconds} THEN ${resetAt} ELSE ${rateLimits.resetAt} END`,
      },
    })
    .returning({ count: rateLimits.count, resetAt: rateLimits.resetAt });
  const count = row?.count ?? 1;
  return {
    allowed: count <= rule.limit,
    retryAfterSeconds: Math.max(0, (row?.resetAt ?? resetAt) - nowSeconds),
  };
}

/** Forget the attempts counted against `key` (after a successful login, say). */
export async function clearRateLimit(key: string): Promise<void> {
  const db = await getDb();
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}

/** Delete windows that have ended; run now and then so the table stays small. */
export async function pruneRateLimits(now = Date.now()): Promise<void> {
  const db = await getDb();
  await db.delete(rateLimits).where(sql`${rateLimits.resetAt} <= ${Math.floor(now / 1000)}`);
}
