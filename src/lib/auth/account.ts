import { AppError } from '../errors.ts';
import { audit } from '../audit/index.ts';
import { requireInstitution } from '../institutions/index.ts';
import { findUserByEmail, findUserById, insertUser, updateUser, type UserRow } from '../users/queries.ts';
import type { ProfileInput, RegistrationInput } from '../users/schemas.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { clearRateLimit, consumeRateLimit, RATE_LIMITS } from './rate-limit.ts';
import { invalidateOtherSessions } from './session.ts';

/** The rate-limit key of password attempts on one account (login, password change, deletion). */
export function loginAccountKey(email: string): string {
  return `login:account:${email.toLowerCase()}`;
}

/** Thrown as the same message whatever was wrong, so a response never tells which e-mails exist. */
const badCredentials = () => new AppError('UNAUTHORIZED', 'error.login.invalid');

async function limitOrThrow(key: string, rule: (typeof RATE_LIMITS)[keyof typeof RATE_LIMITS]): Promise<void> {
  const result = await consumeRateLimit(key, rule);
  if (!result.allowed) {
    throw new AppError('TOO_MANY_REQUESTS', 'error.rateLimited', {
      params: { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) },
    });
  }
}

function assertStrongPassword(password: string, email: string, field: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new AppError('BAD_REQUEST', problem, { field });
}

/** Creates a learner account. The role is never taken from the form. */
export async function registerUser(input: RegistrationInput, ip: string): Promise<UserRow> {
  await limitOrThrow(`register:ip:${ip}`, RATE_LIMITS.registerPerIp);
  assertStrongPassword(input.password, input.email, 'password');
  const institution = await requireInstitution(input.institutionId);
  if (await findUserByEmail(input.email)) {
    throw new AppError('CONFLICT', 'error.email.taken', { field: 'email' });
  }
  let user: UserRow;
  try {
    user = await insertUser({
      email: input.email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      role: 'learner',
      sector: input.sector,
      institutionId: institution.id,
      position: input.position,
      region: input.region,
      locale: input.locale,
      privacyConsentAt: new Date(),
    });
  } catch (error) {
    // Two registrations of one e-mail at once: the unique index decides, the loser is told why.
    if (String(error).includes('UNIQUE')) throw new AppError('CONFLICT', 'error.email.taken', { field: 'email' });
    throw error;
  }
  await audit({ action: 'register', actorUserId: user.id, targetUserId: user.id, ip });
  return user;
}

// A real argon2id hash of a random string: checked when the e-mail is unknown so that the
// response takes as long as for a wrong password.
let dummyHash: Promise<string> | undefined;

/**
 * Checks an e-mail and password, with rate limits per account and per address. Returns the
 * user on success; failures are audited and answered with one message.
 */
export async function authenticate(email: string, password: string, ip: string): Promise<UserRow> {
  await limitOrThrow(`login:ip:${ip}`, RATE_LIMITS.loginPerIp);
  await limitOrThrow(loginAccountKey(email), RATE_LIMITS.loginPerAccount);
  const user = await findUserByEmail(email);
  if (!user || !user.passwordHash || user.status === 'deleted') {
    dummyHash ??= hashPassword(crypto.randomUUID());
    await verifyPassword(await dummyHash, password);
    await audit({ action: 'login_failed', ip, details: { reason: 'unknown_account' } });
    throw badCredentials();
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await audit({ action: 'login_failed', targetUserId: user.id, ip, details: { reason: 'wrong_password' } });
    throw badCredentials();
  }
  if (user.status !== 'active') {
    await audit({ action: 'login_failed', targetUserId: user.id, ip, details: { reason: 'deactivated' } });
    throw new AppError('FORBIDDEN', 'error.login.deactivated');
  }
  await clearRateLimit(loginAccountKey(email));
  await audit({ action: 'login', actorUserId: user.id, targetUserId: user.id, ip });
  return user;
}

/** A person edits their own profile; the id comes from the session, never from the form. */
export async function updateOwnProfile(userId: number, input: ProfileInput, ip: string): Promise<void> {
  await requireInstitution(input.institutionId);
  await updateUser(userId, {
    name: input.name,
    sector: input.sector,
    institutionId: input.institutionId,
    position: input.position,
    region: input.region,
    locale: input.locale,
  });
  await audit({ action: 'profile_updated', actorUserId: userId, targetUserId: userId, ip });
}

/** Changes a password after checking the current one; other sessions of the user end. */
export async function changeOwnPassword(
  userId: number,
  sessionId: string,
  currentPassword: string,
  newPassword: string,
  ip: string,
): Promise<void> {
  const user = await findUserById(userId);
  if (!user?.passwordHash) throw new AppError('NOT_FOUND', 'error.user.notFound');
  await limitOrThrow(loginAccountKey(user.email), RATE_LIMITS.loginPerAccount);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError('BAD_REQUEST', 'error.password.current', { field: 'currentPassword' });
  }
  assertStrongPassword(newPassword, user.email, 'newPassword');
  await updateUser(userId, { passwordHash: await hashPassword(newPassword) });
  await invalidateOtherSessions(userId, sessionId);
  await audit({ action: 'password_changed', actorUserId: userId, targetUserId: userId, ip });
}

export { assertStrongPassword, limitOrThrow };
