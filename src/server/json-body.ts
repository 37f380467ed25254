import type { MessageKey } from '../lib/i18n/messages/lv.ts';

/**
 * A request's JSON body, read with a size limit that holds also for a chunked body without a
 * Content-Length (reading stops as soon as the limit is passed). Any content type is accepted:
 * `navigator.sendBeacon` sends `text/plain`.
 */
export async function readJsonBody(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; value: unknown } | { ok: false; status: number; code: string; messageKey: MessageKey }> {
  const tooLarge = { ok: false, status: 413, code: 'too-large', messageKey: 'scorm.error.tooLarge' } as const;
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return tooLarge;
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel();
        return tooLarge;
      }
      chunks.push(value);
    }
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, code: 'not-json', messageKey: 'scorm.error.notJson' };
  }
}
