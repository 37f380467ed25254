import { AppError } from '../errors.ts';
import type { Choice, LayoutQuestion, PartLayout } from './attempt-layout.ts';
import type { PartQuestion, Response } from './schema.ts';

/** Form fields as the browser sent them (a name sent more than once holds an array). */
export type FormValues = Record<string, string | string[] | undefined>;

const MAX_TEXT = 500;

function values(form: FormValues, name: string): string[] {
  const value = form[name];
  return value === undefined ? [] : [value].flat();
}
function one(form: FormValues, name: string): string {
  return values(form, name)[0]?.trim() ?? '';
}

/** The bank id behind a token the browser sent; a token not in this question is refused. */
function idOf(choices: Choice[] | undefined, token: string): string {
  const found = choices?.find((c) => c.token === token);
  if (!found) throw new AppError('BAD_REQUEST', 'error.quiz.unknownOption');
  return found.id;
}

/** A number as Latvians and English speakers type it: "10,5" and "10.5" alike. */
function parseNumber(raw: string): number | null {
  if (!raw) return null;
  const n = Number(raw.replace(/\s/g, '').replace(',', '.'));
  if (!Number.isFinite(n)) throw new AppError('BAD_REQUEST', 'error.quiz.notANumber');
  return n;
}

function partResponse(question: PartQuestion, layout: PartLayout, form: FormValues, prefix: string): Response {
  const name = `${prefix}answer`;
  switch (question.type) {
    case 'single': {
      const token = one(form, name);
      return { type: 'single', optionId: token ? idOf(layout.options, token) : null };
    }
    case 'multiple':
      return { type: 'multiple', optionIds: [...new Set(values(form, name).map((t) => idOf(layout.options, t)))] };
    case 'true-false': {
      const v = one(form, name);
      if (v && v !== 'true' && v !== 'false') throw new AppError('BAD_REQUEST', 'error.quiz.unknownOption');
      return { type: 'true-false', value: v ? v === 'true' : null };
    }
    case 'matching': {
      const pairs: Record<string, string> = {};
      for (const prompt of layout.prompts ?? []) {
        const token = one(form, `${prefix}match-${prompt.token}`);
        if (token) pairs[prompt.id] = idOf(layout.answers, token);
      }
      return { type: 'matching', pairs };
    }
    case 'ordering': {
      // Each item gets a position 1…n. No positions at all: not answered yet. Some: a partial
      // order (the places not given stay empty and earn nothing). A place given twice: refused.
      const items = layout.items ?? [];
      const order: string[] = items.map(() => '');
      for (const item of items) {
        const raw = one(form, `${prefix}position-${item.token}`);
        if (!raw) continue;
        const position = Number(raw);
        if (!Number.isInteger(position) || position < 1 || position > items.length) {
          throw new AppError('BAD_REQUEST', 'error.quiz.positionMissing');
        }
        if (order[position - 1]) throw new AppError('BAD_REQUEST', 'error.quiz.positionTwice');
        order[position - 1] = item.id;
      }
      return { type: 'ordering', order: order.some(Boolean) ? order : [] };
    }
    case 'numeric':
      return { type: 'numeric', value: parseNumber(one(form, name)) };
    case 'short': {
      const text = one(form, name);
      if (text.length > MAX_TEXT)
        throw new AppError('BAD_REQUEST', 'error.quiz.tooLong', { params: { max: MAX_TEXT } });
      return { type: 'short', text };
    }
  }
}

/**
 * The learner's answer to one question of an attempt, read from the question's form fields
 * (`answer`, `match-<token>`, `position-<token>`; a scenario's parts prefixed `part-<id>-`).
 * Tokens are translated back to the bank's ids here, so anything not offered is refused.
 */
export function responseFromForm(entry: LayoutQuestion, form: FormValues): Response {
  const { question } = entry;
  if (question.type !== 'scenario') return partResponse(question, entry.display, form, '');
  const parts: Record<string, Response> = {};
  for (const part of question.parts) {
    parts[part.id] = partResponse(part, entry.parts?.[part.id] ?? {}, form, `part-${part.id}-`);
  }
  return { type: 'scenario', parts };
}

/** Whether a saved response holds an actual answer (for "answered 7 of 10"). */
export function isAnswered(response: Response | undefined): boolean {
  if (!response) return false;
  switch (response.type) {
    case 'single':
      return response.optionId !== null;
    case 'multiple':
      return response.optionIds.length > 0;
    case 'true-false':
    case 'numeric':
      return response.value !== null;
    case 'matching':
      return Object.keys(response.pairs).length > 0;
    case 'ordering':
      return response.order.some(Boolean);
    case 'short':
      return response.text.length > 0;
    case 'scenario':
      return Object.values(response.parts).some(isAnswered);
  }
}
