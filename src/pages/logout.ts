import type { APIRoute } from 'astro';
import { audit } from '../lib/audit/index.ts';
import { invalidateSession } from '../lib/auth/session.ts';
import { clearSessionCookie } from '../server/request.ts';

/** Ends the current session (POST only: a link or an image must not be able to log anyone out). */
export const POST: APIRoute = async ({ locals, cookies, url, redirect }) => {
  if (locals.sessionId && locals.user) {
    await invalidateSession(locals.sessionId);
    await audit({ action: 'logout', actorUserId: locals.user.id, targetUserId: locals.user.id, ip: locals.clientIp });
  }
  clearSessionCookie(cookies, url);
  return redirect('/login?loggedOut=1', 303);
};
