import type { APIRoute } from 'astro';
import { AppError } from '../../../lib/errors.ts';
import { commitSchema, MAX_COMMIT_BODY_BYTES, storeCommit } from '../../../lib/scorm/commit.ts';
import { readJsonBody } from '../../../server/json-body.ts';

/**
 * Receives a SCORM commit from the player: by fetch (JSON, while the page is open or unloading,
 * with keepalive) or by sendBeacon (text/plain, the same JSON). The session cookie says who is
 * committing; the attempt's token in the body proves the commit comes from the player page that
 * launched it. Answers only after the data is stored.
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    });
  const fail = (status: number, code: string, message: string) => json(status, { ok: false, code, message });
  if (!locals.user) return fail(401, 'signed-out', locals.t('scorm.error.signedOut'));
  const body = await readJsonBody(request, MAX_COMMIT_BODY_BYTES);
  if (!body.ok) return fail(body.status, body.code, locals.t(body.messageKey));
  const raw = body.value;
  const parsed = commitSchema.safeParse(raw);
  if (!parsed.success) return fail(400, 'bad-commit', locals.t('scorm.error.badCommit'));
  try {
    const outcome = await storeCommit(locals.user.id, parsed.data);
    return json(200, { ok: true, ...outcome });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return fail(error.status, error.messageKey, locals.t(error.messageKey, error.params));
  }
};
