import { defineMiddleware } from 'astro:middleware';
import { accessFor } from './lib/auth/guards.ts';
import { SESSION_COOKIE, sessionCookieOptions, validateSessionToken } from './lib/auth/session.ts';
import { translator } from './lib/i18n/translate.ts';
import { DEFAULT_LOCALE } from './lib/reference/index.ts';
import { clearSessionCookie, clientIp, localeFromCookie } from './server/request.ts';

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'SAMEORIGIN',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'",
};

/**
 * Every request: who is logged in (session cookie → user, with sliding renewal), which
 * language to speak, and whether this part of the site is open to them.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const { cookies, url, locals } = context;
  locals.clientIp = clientIp(context);
  locals.user = null;
  locals.sessionId = null;

  const token = cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const result = await validateSessionToken(token);
    if (result.session) {
      locals.user = result.user;
      locals.sessionId = result.session.id;
      if (result.renewed) cookies.set(SESSION_COOKIE, token, sessionCookieOptions(url, result.session.expiresAt));
    } else {
      clearSessionCookie(cookies, url);
    }
  }

  locals.locale = localeFromCookie(cookies) ?? locals.user?.locale ?? DEFAULT_LOCALE;
  locals.t = translator(locals.locale);

  const access = accessFor(url.pathname, locals.user);
  let response: Response;
  if (access === 'login') {
    response = context.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  } else if (access === 'forbidden') {
    response = await context.rewrite('/forbidden');
  } else {
    response = await next();
  }

  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  // Pages of a logged-in person hold personal data: never cache them in shared caches.
  if (locals.user && !response.headers.has('Cache-Control')) {
    response.headers.set('Cache-Control', 'private, no-store');
  }
  return response;
});
