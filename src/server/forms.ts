import type { z } from 'zod';
import { AppError } from '../lib/errors.ts';
import type { Translate } from '../lib/i18n/translate.ts';
import type { MessageKey } from '../lib/i18n/messages/lv.ts';
import { lv } from '../lib/i18n/messages/lv.ts';

/** What a page needs to (re)render a form: typed values, errors by field, a summary, a notice. */
export interface FormState {
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  /** Errors not tied to one field (shown in the summary at the top of the form). */
  general: string[];
  /** Set when the submission succeeded and the page stays (no redirect). */
  success: string | null;
}

export function emptyForm(values: Record<string, string | string[]> = {}): FormState {
  return { values, errors: {}, general: [], success: null };
}

/** Fields never echoed back into a re-rendered form. */
const SECRET_FIELDS = /password/i;

/** Form data as a plain object; a field sent more than once becomes an array. */
export async function readForm(request: Request): Promise<Record<string, string | string[]>> {
  let data: FormData;
  try {
    data = await request.formData();
  } catch {
    throw new AppError('BAD_REQUEST', 'error.generic');
  }
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(data.keys())) {
    const all = data.getAll(key).filter((v): v is string => typeof v === 'string');
    out[key] = all.length > 1 ? all : (all[0] ?? '');
  }
  return out;
}

function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(lv, value);
}

function message(t: Translate, key: string, params?: Record<string, string | number>): string {
  return isMessageKey(key) ? t(key, params) : t('error.generic');
}

type Handler<T> = (data: T, raw: Record<string, string | string[]>) => Promise<Response | MessageKey | undefined>;

/**
 * The one way pages handle a POSTed form: read it, validate it with a zod schema at the
 * boundary, run the domain function, and either pass on its redirect or return the state to
 * render — with field errors (400), a domain error translated for the user (its own status),
 * or a success notice. Passwords are never sent back into the form.
 */
export async function handleForm<S extends z.ZodType>(
  context: { readonly request: Request; readonly locals: App.Locals; readonly response: ResponseInit },
  schema: S,
  handler: Handler<z.infer<S>>,
): Promise<FormState | Response> {
  const { t } = context.locals;
  const state = emptyForm();
  try {
    const raw = await readForm(context.request);
    state.values = Object.fromEntries(Object.entries(raw).filter(([k]) => !SECRET_FIELDS.test(k)));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const text = message(t, issue.message);
        if (field && !(field in state.errors)) state.errors[field] = text;
        else if (!field) state.general.push(text);
      }
      context.response.status = 400;
      return state;
    }
    const outcome = await handler(parsed.data, raw);
    if (outcome instanceof Response) return outcome;
    if (outcome) state.success = t(outcome);
    return state;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const text = message(t, error.messageKey, error.params);
    if (error.field) state.errors[error.field] = text;
    else state.general.push(text);
    context.response.status = error.status;
    return state;
  }
}

/** A form value as a string, for an input's `value`. */
export function valueOf(state: FormState, field: string, fallback = ''): string {
  const v = state.values[field];
  if (Array.isArray(v)) return v[0] ?? fallback;
  return v ?? fallback;
}
