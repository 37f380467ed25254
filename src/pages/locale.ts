import type { APIRoute } from 'astro';
import { isLocale } from '../lib/reference/index.ts';
import { updateUser } from '../lib/users/queries.ts';
import { safeReturnPath, setLocaleCookie } from '../server/request.ts';

/** The language switch: remembers the choice in a cookie (and in the profile) and goes back. */
export const POST: APIRoute = async ({ request, locals, cookies, url, redirect }) => {
  const form = await request.formData().catch(() => null);
  const locale = form?.get('locale');
  if (!isLocale(locale)) return new Response(locals.t('error.locale.invalid'), { status: 400 });
  setLocaleCookie(cookies, url, locale);
  if (locals.user) await updateUser(locals.user.id, { locale });
  return redirect(safeReturnPath(form?.get('return')), 303);
};
