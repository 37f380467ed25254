import type { Translate } from '../lib/i18n/translate.ts';
import { AppError } from '../lib/errors.ts';

/** A plain-text refusal of an export (the browser shows it; nothing is downloaded). */
export function reportError(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Runs an export, turning a refusal (another institution's report) into a 403 with its message. */
reportError.guard = async (t: Translate, run: () => Promise<Response>): Promise<Response> => {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'FORBIDDEN') return reportError(403, t(error.messageKey));
    throw error;
  }
};
