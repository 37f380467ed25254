import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authenticate } from '../../src/lib/auth/account.ts';
import {
  findResetTokenUser,
  requestPasswordReset,
  resetPassword,
  RESET_TOKEN_LIFETIME_MS,
} from '../../src/lib/auth/password-reset.ts';
import { createSession, validateSessionToken } from '../../src/lib/auth/session.ts';
import { env } from '../../src/lib/env/index.ts';
import { createUser } from '../factories.ts';

const base = new URL('http://localhost:4321');

/** The reset link of the newest outbox message to `email` (mail is sent in the background). */
async function linkSentTo(email: string): Promise<string> {
  const dir = env().OUTBOX_DIR;
  for (let attempt = 0; attempt < 50; attempt++) {
    const mails = (existsSync(dir) ? readdirSync(dir).sort() : [])
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { to: string; links: string[] })
      .filter((m) => m.to === email);
    const link = mails.at(-1)?.links[0];
    if (link && link !== seen.get(email)) {
      seen.set(email, link);
      return link;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no new mail to ${email}`);
}

const seen = new Map<string, string>();

const tokenOf = (link: string) => new URL(link).pathname.split('/').at(-1) ?? '';

describe('password reset', () => {
  it('mails a one-time link in the user’s language that sets a new password and ends old sessions', async () => {
    const { user } = await createUser({ name: 'Ģirts Ņikitins' });
    const old = await createSession(user.id);
    await requestPasswordReset(user.email, '10.6.0.1', base);
    const link = await linkSentTo(user.email);
    expect(link).toMatch(/^http:\/\/localhost:4321\/reset-password\/[a-z2-7]{32}$/);
    const token = tokenOf(link);
    expect(await findResetTokenUser(token)).toMatchObject({ userId: user.id });

    await resetPassword(token, 'jauna-droša-parole-7', '10.6.0.1');
    expect((await authenticate(user.email, 'jauna-droša-parole-7', '10.6.0.2')).id).toBe(user.id);
    expect((await validateSessionToken(old.token)).user).toBeNull();
    // Used once: the same link no longer works.
    await expect(resetPassword(token, 'vēl-cita-parole-8', '10.6.0.1')).rejects.toMatchObject({
      messageKey: 'error.reset.invalid',
    });
  });

  it('does nothing visible for an unknown e-mail', async () => {
    await expect(requestPasswordReset('nobody@example.lv', '10.6.1.1', base)).resolves.toBeUndefined();
    await expect(linkSentTo('nobody@example.lv')).rejects.toThrow(/no new mail/);
  });

  it('honours only the newest link, refuses weak passwords and forged tokens', async () => {
    const { user } = await createUser();
    await requestPasswordReset(user.email, '10.6.2.1', base);
    const first = tokenOf(await linkSentTo(user.email));
    await new Promise((r) => setTimeout(r, 5));
    await requestPasswordReset(user.email, '10.6.2.1', base);
    const second = tokenOf(await linkSentTo(user.email));
    expect(second).not.toBe(first);
    expect(await findResetTokenUser(first)).toBeNull();
    await expect(resetPassword(second, 'short', '10.6.2.1')).rejects.toMatchObject({
      messageKey: 'error.password.short',
    });
    // A weak password does not use up the link.
    expect(await findResetTokenUser(second)).not.toBeNull();
    await expect(resetPassword('a'.repeat(32), 'jauna-droša-parole-7', '10.6.2.1')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(resetPassword('../../etc/passwd', 'jauna-droša-parole-7', '10.6.2.1')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('expires links after an hour', async () => {
    const { user } = await createUser();
    await requestPasswordReset(user.email, '10.6.3.1', base);
    const token = tokenOf(await linkSentTo(user.email));
    const realNow = Date.now;
    Date.now = () => realNow() + RESET_TOKEN_LIFETIME_MS + 1000;
    try {
      expect(await findResetTokenUser(token)).toBeNull();
    } finally {
      Date.now = realNow;
    }
  });

  it('limits requests per account to three an hour', async () => {
    const { user } = await createUser();
    for (let i = 0; i < 3; i++) await requestPasswordReset(user.email, `10.6.4.${i}`, base);
    await expect(requestPasswordReset(user.email, '10.6.4.9', base)).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });
});
