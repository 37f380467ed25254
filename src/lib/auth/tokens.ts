import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** What generateToken produces: checked before any lookup, so junk never reaches the database. */
export const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

/** A random, URL-safe token with 160 bits of entropy (for session cookies and e-mailed links). */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** What we store instead of a token: its SHA-256 in hex, so a leaked table grants nothing. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
