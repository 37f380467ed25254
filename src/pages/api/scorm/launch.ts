import type { APIRoute } from 'astro';
import { AppError } from '../../../lib/errors.ts';
import { launchPlayer, launchRequestSchema } from '../../../lib/scorm/player.ts';
import { readJsonBody } from '../../../server/json-body.ts';

/**
 * The player page's script asks for its launch here once the page has loaded (see
 * `launchPlayer`): the session number its commits will carry and the state to give the SCO.
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    });
  if (!locals.user) return json(401, { ok: false, code: 'signed-out', message: locals.t('scorm.error.signedOut') });
  const raw = await readJsonBody(request, 4_000_000);
  if (!raw.ok) return json(raw.status, { ok: false, code: raw.code, message: locals.t(raw.messageKey) });
  const parsed = launchRequestSchema.safeParse(raw.value);
  if (!parsed.success) return json(400, { ok: false, code: 'bad-launch', message: locals.t('scorm.error.badCommit') });
  try {
    return json(200, { ok: true, ...(await launchPlayer(locals.user, parsed.data)) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return json(error.status, { ok: false, code: error.messageKey, message: locals.t(error.messageKey, error.params) });
  }
};
