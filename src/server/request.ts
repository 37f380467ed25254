import type { APIContext, AstroCookies } from 'astro';
import { env } from '../lib/env/index.ts';
import { createSession, invalidateSession, SESSION_COOKIE, sessionCookieOptions } from '../lib/auth/session.ts';
import { hashToken } from '../lib/auth/tokens.ts';
import { isLocale, type Locale } from '../lib/reference/index.ts';

export const LOCALE_COOKIE = 'tilts_locale';

/**
 * The client's address. Behind a reverse proxy (TRUST_PROXY=1) it is the last address in
 * X-Forwarded-For — the one our proxy appended; earlier entries come from the client and can be
 * anything. Otherwise the socket's, so that a client cannot pick its own rate-limit key.
 */
export function clientIp(context: Pick<APIContext, 'request' | 'clientAddress'>): string {
  if (env().TRUST_PROXY) {
    const forwarded = context.request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return context.clientAddress;
  } catch {
    return 'unknown';
  }
}

/**
 * Starts a fresh session for a user and sets its cookie. Any session the browser already had
 * is ended first: a login always rotates the session (no session fixation).
 */
export async function startSession(context: Pick<APIContext, 'cookies' | 'url'>, userId: number): Promise<void> {
  const previous = context.cookies.get(SESSION_COOKIE)?.value;
  if (previous) await endSessionByToken(previous);
  const { token, session } = await createSession(userId);
  context.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(context.url, session.expiresAt));
}

async function endSessionByToken(token: string): Promise<void> {
  await invalidateSession(hashToken(token));
}

export function clearSessionCookie(cookies: AstroCookies, url: URL): void {
  cookies.set(SESSION_COOKIE, '', { ...sessionCookieOptions(url, new Date(0)), maxAge: 0 });
}

export function setLocaleCookie(cookies: AstroCookies, url: URL, locale: Locale): void {
  const options = sessionCookieOptions(url, new Date(Date.now() + 365 * 24 * 60 * 60 * 1000));
  cookies.set(LOCALE_COOKIE, locale, { ...options, httpOnly: false });
}

export function localeFromCookie(cookies: AstroCookies): Locale | null {
  const value = cookies.get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : null;
}

/** A same-site path to go back to after a form, never another site (no open redirect). */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  // Browsers drop tabs and newlines in URLs ("/\t/evil" is "//evil") and read "\" as "/".
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || !value.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  const base = 'http://same.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base || url.pathname.startsWith('//')) return fallback;
  // Percent-encoded, so that the Location header is always valid.
  return url.pathname + url.search + url.hash;
}
