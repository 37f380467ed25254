import { and, eq, lt, ne, sql } from 'drizzle-orm';
import { getDb, preparedStatement, type Database } from '../db.ts';
import { directStatement } from '../direct-reads.ts';
import { sessions, users } from '../../../db/schema/index.ts';
import { generateToken, hashToken, TOKEN_PATTERN } from './tokens.ts';
import type { SessionUser } from './types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A session lives 30 days from its last renewal… */
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** …and is renewed (sliding expiry) when a request comes in its second half. */
const RENEW_WHEN_LESS_THAN_MS = 15 * DAY_MS;

export const SESSION_COOKIE = 'tilts_session';

export interface Session {
  id: string;
  userId: number;
  expiresAt: Date;
}

export type SessionValidation =
  { session: Session; user: SessionUser; renewed: boolean } | { session: null; user: null; renewed: false };

/** Creates a session for a user and returns the token for the cookie (only its hash is stored). */
export async function createSession(userId: number, now = Date.now()): Promise<{ token: string; session: Session }> {
  const db = await getDb();
  const token = generateToken();
  const session: Session = { id: hashToken(token), userId, expiresAt: new Date(now + SESSION_LIFETIME_MS) };
  await db.insert(sessions).values({ ...session, createdAt: new Date(now) });
  return { token, session };
}

/** Session and user in one read: it runs on every request of a logged-in person. */
const sessionLookup = preparedStatement((db) =>
  db
    .select({
      sessionId: sessions.id,
      userId: sessions.userId,
      expiresAt: sessions.expiresAt,
      email: users.email,
      name: users.name,
      role: users.role,
      status: users.status,
      locale: users.locale,
      sector: users.sector,
      region: users.region,
      institutionId: users.institutionId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare(),
);

const directSession = directStatement(
  'SELECT s.user_id, s.expires_at, u.email, u.name, u.role, u.status, u.locale, u.sector, u.region, u.institution_id ' +
    'FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?',
);

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionLookup>['execute']>>[number];

/** The same read on the direct connection (see direct-reads.ts); undefined when there is none. */
function directSessionRow(db: Database, id: string): SessionRow[] | undefined {
  const statement = directSession(db);
  if (!statement) return undefined;
  const row = statement.get(id) as
    [number, number, string, string, string, string, string, string, string, number | null] | undefined;
  if (!row) return [];
  const [userId, expiresAt, email, name, role, status, locale, sector, region, institutionId] = row;
  return [
    {
      sessionId: id,
      userId,
      expiresAt: new Date(expiresAt * 1000),
      email,
      name,
      role: role as SessionRow['role'],
      status: status as SessionRow['status'],
      locale: locale as SessionRow['locale'],
      sector: sector as SessionRow['sector'],
      region: region as SessionRow['region'],
      institutionId,
    },
  ];
}

/**
 * Resolves a cookie token to its session and user. Expired sessions, and sessions of users who
 * are no longer active, are deleted and yield nothing; a session past half its life is
 * extended (sliding expiry).
 */
export async function validateSessionToken(token: string, now = Date.now()): Promise<SessionValidation> {
  const none = { session: null, user: null, renewed: false } as const;
  if (!TOKEN_PATTERN.test(token)) return none;
  const db = await getDb();
  const id = hashToken(token);
  const [row] = directSessionRow(db, id) ?? (await sessionLookup(db).execute({ id }));
  if (!row) return none;
  if (now >= row.expiresAt.getTime() || row.status !== 'active') {
    await db.delete(sessions).where(eq(sessions.id, id));
    return none;
  }
  let expiresAt = row.expiresAt;
  let renewed = false;
  if (expiresAt.getTime() - now < RENEW_WHEN_LESS_THAN_MS) {
    expiresAt = new Date(now + SESSION_LIFETIME_MS);
    renewed = true;
    await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
  }
  return {
    session: { id, userId: row.userId, expiresAt },
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      role: row.role,
      locale: row.locale,
      sector: row.sector,
      region: row.region,
      institutionId: row.institutionId,
    },
    renewed,
  };
}

export async function invalidateSession(sessionId: string): Promise<void> {
  const db = await getDb();
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (password reset, role change, deactivation, deletion). */
export async function invalidateUserSessions(userId: number): Promise<void> {
  const db = await getDb();
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Ends every session of a user except one (after a password change on that session). */
export async function invalidateOtherSessions(userId: number, keepSessionId: string): Promise<void> {
  const db = await getDb();
  await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
}

export async function pruneExpiredSessions(now = Date.now()): Promise<void> {
  const db = await getDb();
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date(now)));
}

export interface CookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  path: '/';
  secure: boolean;
  expires: Date;
}

/**
 * Options of the session cookie: HttpOnly, SameSite=Lax, and Secure everywhere except plain
 * http on localhost (where browsers would drop a Secure cookie during development and tests).
 */
export function sessionCookieOptions(url: URL, expiresAt: Date): CookieOptions {
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: !(local && url.protocol === 'http:'),
    expires: expiresAt,
  };
}
