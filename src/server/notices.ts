import type { MessageKey } from '../lib/i18n/messages/lv.ts';

/**
 * The notice a page shows after a redirect that named it in the query string (`?saved=1`):
 * the first of `notices` whose parameter is present. Never on a POST, where the form's own
 * outcome (success or errors) is what the person needs to read.
 */
export function redirectNotice(
  context: { readonly request: Request; readonly url: URL; readonly locals: App.Locals },
  notices: readonly (readonly [param: string, message: MessageKey])[],
): string | null {
  if (context.request.method !== 'GET') return null;
  const found = notices.find(([param]) => context.url.searchParams.has(param));
  return found ? context.locals.t(found[1]) : null;
}
