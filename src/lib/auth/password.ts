import { hash, verify } from '@node-rs/argon2';
import type { MessageKey } from '../i18n/messages/lv.ts';

export const PASSWORD_MIN_LENGTH = 10;
/** Longer inputs are refused rather than hashed: argon2 cost grows with input size. */
export const PASSWORD_MAX_LENGTH = 128;

// OWASP-recommended argon2id parameters (m=19 MiB, t=2, p=1), as in Lucia's guide.
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

const COMMON_PASSWORDS = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  'qwertyuiop',
  'password123',
  'password1234',
  'parole1234',
  'parole12345',
  'latvija123',
  'latvija2024',
  'latvija2025',
  'latvija2026',
  'iloveyou123',
  'abcdefghij',
  'qwerty12345',
  'asdfghjkl1',
  '1q2w3e4r5t',
  'aaaaaaaaaa',
  'letmein123',
  'welcome123',
]);

/**
 * Why a password is not acceptable, as a message key, or null if it is. The rules are
 * NIST SP 800-63B's: a minimum length, a generous maximum, no composition rules, and a
 * refusal of common passwords and of the account's own e-mail.
 */
export function passwordProblem(password: string, email?: string): MessageKey | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'error.password.short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'error.password.long';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) return 'error.password.common';
  const localPart = email?.toLowerCase().split('@')[0] ?? '';
  if (localPart.length >= 4 && lower.includes(localPart)) return 'error.password.email';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
