import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { authenticate } from '../../src/lib/auth/account.ts';
import { consumeRateLimit, pruneRateLimits } from '../../src/lib/auth/rate-limit.ts';
import {
  createSession,
  invalidateSession,
  pruneExpiredSessions,
  SESSION_LIFETIME_MS,
  validateSessionToken,
} from '../../src/lib/auth/session.ts';
import { hashToken } from '../../src/lib/auth/tokens.ts';
import { getDb } from '../../src/lib/db.ts';
import { setUserActive } from '../../src/lib/users/admin.ts';
import { auditEvents, rateLimits, sessions } from '../../db/schema/index.ts';
import { createUser, STRONG_PASSWORD } from '../factories.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('authenticate', () => {
  it('accepts the right password and audits the login', async () => {
    const { user } = await createUser();
    const found = await authenticate(user.email, STRONG_PASSWORD, '10.1.0.1');
    expect(found.id).toBe(user.id);
    const db = await getDb();
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetUserId, user.id));
    expect(events.map((e) => e.action)).toContain('login');
  });

  it('answers a wrong password and an unknown e-mail with the same message, and audits both', async () => {
    const { user } = await createUser();
    const wrong = authenticate(user.email, 'nepareiza-parole', '10.1.0.2');
    await expect(wrong).rejects.toMatchObject({ code: 'UNAUTHORIZED', messageKey: 'error.login.invalid' });
    const unknown = authenticate('nobody@example.lv', 'nepareiza-parole', '10.1.0.2');
    await expect(unknown).rejects.toMatchObject({ code: 'UNAUTHORIZED', messageKey: 'error.login.invalid' });
    const db = await getDb();
    const failed = await db.select().from(auditEvents).where(eq(auditEvents.action, 'login_failed'));
    expect(failed.length).toBeGreaterThanOrEqual(2);
  });

  it('locks an account after 10 attempts in 15 minutes, even with the right password', async () => {
    const { user } = await createUser();
    for (let i = 0; i < 10; i++) {
      await expect(authenticate(user.email, `wrong-${i}-password`, `10.2.${i}.1`)).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    await expect(authenticate(user.email, STRONG_PASSWORD, '10.2.99.1')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      messageKey: 'error.rateLimited',
    });
  });

  it('limits attempts per address across accounts', async () => {
    for (let i = 0; i < 50; i++) {
      await expect(authenticate(`nobody-${i}@example.lv`, 'whatever-pass', '10.3.0.1')).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    await expect(authenticate('nobody-x@example.lv', 'whatever-pass', '10.3.0.1')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });

  it('refuses a deactivated account after checking its password', async () => {
    const { user: admin } = await createUser({ role: 'admin' });
    const { user } = await createUser();
    await setUserActive(admin.id, user.id, false, '10.4.0.1');
    await expect(authenticate(user.email, STRONG_PASSWORD, '10.4.0.2')).rejects.toMatchObject({
      messageKey: 'error.login.deactivated',
    });
  });
});

describe('rate limit windows', () => {
  it('start again after the window ends', async () => {
    const rule = { limit: 2, windowSeconds: 60 };
    const t0 = Date.UTC(2026, 0, 1);
    expect((await consumeRateLimit('k', rule, t0)).allowed).toBe(true);
    expect((await consumeRateLimit('k', rule, t0 + 1000)).allowed).toBe(true);
    const third = await consumeRateLimit('k', rule, t0 + 2000);
    expect(third.allowed).toBe(false);
    expect(third.retryAfterSeconds).toBe(58);
    expect((await consumeRateLimit('k', rule, t0 + 61_000)).allowed).toBe(true);
  });

  it('count concurrent attempts exactly (no lost updates)', async () => {
    const rule = { limit: 5, windowSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 12 }, () => consumeRateLimit('burst', rule)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });
});

describe('sessions', () => {
  it('store only the SHA-256 of the token', async () => {
    const { user } = await createUser();
    const { token, session } = await createSession(user.id);
    expect(session.id).toBe(hashToken(token));
    const db = await getDb();
    const rows = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.map((r) => r.id)).toEqual([hashToken(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('resolve a valid token to its user and refuse tampered or malformed ones', async () => {
    const { user } = await createUser();
    const { token } = await createSession(user.id);
    expect((await validateSessionToken(token)).user?.id).toBe(user.id);
    const tampered = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
    expect((await validateSessionToken(tampered)).user).toBeNull();
    expect((await validateSessionToken("' OR 1=1 --")).user).toBeNull();
    expect((await validateSessionToken('')).user).toBeNull();
  });

  it('expire after 30 days and are deleted then', async () => {
    const { user } = await createUser();
    const now = Date.now();
    const { token, session } = await createSession(user.id, now);
    expect((await validateSessionToken(token, now + SESSION_LIFETIME_MS + 1)).session).toBeNull();
    const db = await getDb();
    expect(await db.select().from(sessions).where(eq(sessions.id, session.id))).toHaveLength(0);
  });

  it('slide: a session used in its second half is extended by 30 days', async () => {
    const { user } = await createUser();
    const now = Date.now();
    const { token } = await createSession(user.id, now);
    const early = await validateSessionToken(token, now + 5 * DAY);
    expect(early.renewed).toBe(false);
    const later = await validateSessionToken(token, now + 20 * DAY);
    expect(later.renewed).toBe(true);
    expect(later.session?.expiresAt.getTime()).toBe(now + 20 * DAY + SESSION_LIFETIME_MS);
    // Still valid past the original expiry thanks to the renewal.
    expect((await validateSessionToken(token, now + 40 * DAY)).session).not.toBeNull();
  });

  it('end on logout and when the account is deactivated', async () => {
    const { user: admin } = await createUser({ role: 'admin' });
    const { user } = await createUser();
    const a = await createSession(user.id);
    const b = await createSession(user.id);
    await invalidateSession(a.session.id);
    expect((await validateSessionToken(a.token)).user).toBeNull();
    expect((await validateSessionToken(b.token)).user).not.toBeNull();
    await setUserActive(admin.id, user.id, false, '10.5.0.1');
    expect((await validateSessionToken(b.token)).user).toBeNull();
  });
});

describe('housekeeping', () => {
  it('prunes expired sessions and ended rate-limit windows only', async () => {
    const { user } = await createUser();
    const now = Date.now();
    const old = await createSession(user.id, now - SESSION_LIFETIME_MS - DAY);
    const fresh = await createSession(user.id, now);
    await consumeRateLimit('prune:old', { limit: 1, windowSeconds: 1 }, now - 10_000);
    await consumeRateLimit('prune:fresh', { limit: 1, windowSeconds: 600 }, now);
    await pruneExpiredSessions(now);
    await pruneRateLimits(now);
    const db = await getDb();
    const ids = (await db.select().from(sessions)).map((s) => s.id);
    expect(ids).not.toContain(old.session.id);
    expect(ids).toContain(fresh.session.id);
    const keys = (await db.select().from(rateLimits)).map((r) => r.key);
    expect(keys).not.toContain('prune:old');
    expect(keys).toContain('prune:fresh');
  });
});
