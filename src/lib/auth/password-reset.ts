import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { audit } from '../audit/index.ts';
import { translator } from '../i18n/translate.ts';
import { sendMail } from '../mail/index.ts';
import { findUserByEmail, findUserById, updateUser } from '../users/queries.ts';
import { passwordResetTokens } from '../../../db/schema/index.ts';
import { assertStrongPassword, limitOrThrow } from './account.ts';
import { hashPassword } from './password.ts';
import { RATE_LIMITS } from './rate-limit.ts';
import { invalidateUserSessions } from './session.ts';
import { generateToken, hashToken, TOKEN_PATTERN } from './tokens.ts';

/** A reset link works for one hour and once. */
export const RESET_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/**
 * E-mails a one-time reset link if an active account has this e-mail. The caller answers the
 * same whether or not it has, so the form cannot be used to find out who is registered.
 */
export async function requestPasswordReset(email: string, ip: string, baseUrl: URL): Promise<void> {
  await limitOrThrow(`reset:ip:${ip}`, RATE_LIMITS.resetPerIp);
  await limitOrThrow(`reset:account:${email}`, RATE_LIMITS.resetPerAccount);
  const user = await findUserByEmail(email);
  if (!user || user.status !== 'active') return;
  const db = await getDb();
  const token = generateToken();
  // Only the newest link works: earlier unused ones are dropped.
  await db.batch([
    db.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id)),
    db.insert(passwordResetTokens).values({
      id: hashToken(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + RESET_TOKEN_LIFETIME_MS),
    }),
  ]);
  const link = new URL(`/reset-password/${token}`, baseUrl).toString();
  const t = translator(user.locale);
  await audit({ action: 'password_reset_requested', targetUserId: user.id, ip });
  // Not awaited: the answer must not take longer, or fail, for a registered address than for
  // an unknown one (that would tell who has an account). A failed delivery is logged.
  sendMail({
    to: user.email,
    subject: t('mail.reset.subject'),
    text: t('mail.reset.body', { name: user.name, link }),
  }).catch((error: unknown) => console.error('[mail] password reset e-mail could not be sent:', error));
}

/** The user a reset token belongs to, if it is unused, unexpired and the account is active. */
export async function findResetTokenUser(token: string): Promise<{ userId: number; email: string } | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select()
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.id, hashToken(token)), isNull(passwordResetTokens.usedAt)));
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  const user = await findUserById(row.userId);
  if (!user || user.status !== 'active') return null;
  return { userId: user.id, email: user.email };
}

/**
 * Sets a new password with a reset token, marks the token used and ends every session of the
 * account (whoever held one must log in again). Returns the user id so the caller can log the
 * person in with a fresh session.
 */
export async function resetPassword(token: string, newPassword: string, ip: string): Promise<number> {
  const holder = await findResetTokenUser(token);
  if (!holder) throw new AppError('BAD_REQUEST', 'error.reset.invalid');
  assertStrongPassword(newPassword, holder.email, 'password');
  const db = await getDb();
  // Claim the token first: of two concurrent uses only one updates the row.
  const claimed = await db
    .update(passwordResetTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResetTokens.id, hashToken(token)), isNull(passwordResetTokens.usedAt)))
    .returning({ id: passwordResetTokens.id });
  if (claimed.length === 0) throw new AppError('BAD_REQUEST', 'error.reset.invalid');
  await updateUser(holder.userId, { passwordHash: await hashPassword(newPassword) });
  await invalidateUserSessions(holder.userId);
  await audit({ action: 'password_reset', actorUserId: holder.userId, targetUserId: holder.userId, ip });
  return holder.userId;
}
