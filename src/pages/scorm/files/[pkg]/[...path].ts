import { statSync } from 'node:fs';
import type { APIRoute } from 'astro';
import { requireUser } from '../../../../lib/auth/guards.ts';
import { mayReadPackage, packageFile } from '../../../../lib/scorm/package-files.ts';
import { fileResponse } from '../../../../server/file-response.ts';

/**
 * A file of an imported SCORM package, from the same origin as the player (the SCO must reach
 * the player's API object). Only people with an attempt at the package (it is in a course they
 * are enrolled in) and staff can read it. Package files never change (a new file is a new
 * package id), so browsers may keep them, privately.
 */
export const GET: APIRoute = async ({ params, locals, request }) => {
  const user = requireUser(locals.user);
  const file = packageFile(params.pkg ?? '', params.path ?? '');
  if (!file || !(await mayReadPackage(user, params.pkg ?? ''))) {
    return new Response(locals.t('error.notFound.title'), { status: 404 });
  }
  let stats;
  try {
    stats = statSync(file);
  } catch {
    return new Response(locals.t('error.notFound.title'), { status: 404 });
  }
  if (!stats.isFile()) return new Response(locals.t('error.notFound.title'), { status: 404 });
  return fileResponse(request, file, stats, {
    'Cache-Control': 'private, max-age=86400',
    // Authoring tools' players use eval, inline scripts, data: and blob: media; they stay on this origin.
    'Content-Security-Policy':
      "default-src 'self' data: blob:; script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; object-src 'self'",
  });
};

export const HEAD = GET;
