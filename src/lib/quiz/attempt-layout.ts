import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { PartQuestion, Question, QuizDefinition } from './schema.ts';

/**
 * How an attempt looks: which questions were drawn, in which order, and under which opaque
 * tokens the browser sees each option, prompt, answer and item. The browser never sees the
 * bank's own ids (ordering items are listed in their right order in the bank, and matching
 * answers share their prompt's id), so nothing in a page gives the answer away.
 */
export interface Choice {
  token: string;
  id: string;
}
export interface PartLayout {
  options?: Choice[];
  prompts?: Choice[];
  answers?: Choice[];
  items?: Choice[];
}
export interface LayoutQuestion {
  /** A copy of the question as it was when the attempt started. */
  question: Question;
  display: PartLayout;
  /** Scenario parts' layouts by part id. */
  parts?: Record<string, PartLayout>;
}
export interface AttemptLayout {
  questions: LayoutQuestion[];
}

export type Random = () => number;

/** A uniform number in [0, 1) from the platform's cryptographic generator. */
export const cryptoRandom: Random = () => (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) / 2 ** 32;

/** Fisher–Yates, returning a new array. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = out[i] as T;
    out[i] = out[j] as T;
    out[j] = swap;
  }
  return out;
}

function token(random: Random): string {
  const bytes = new Uint8Array(5);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** Tokens for ids, unique within one question. */
function tokensFor(ids: string[], random: Random, taken: Set<string>): Choice[] {
  return ids.map((id) => {
    let t = token(random);
    while (taken.has(t)) t = token(random);
    taken.add(t);
    return { token: t, id };
  });
}

function layoutOf(question: PartQuestion, definition: QuizDefinition, random: Random): PartLayout {
  const taken = new Set<string>();
  const maybeShuffle = <T>(items: T[]) => (definition.shuffleOptions ? shuffled(items, random) : items);
  switch (question.type) {
    case 'single':
    case 'multiple':
      return { options: tokensFor(maybeShuffle(question.options.map((o) => o.id)), random, taken) };
    case 'matching':
      return {
        prompts: tokensFor(maybeShuffle(question.pairs.map((p) => p.id)), random, taken),
        // Answers are always shuffled: in bank order they would line up with the prompts.
        answers: tokensFor(
          shuffled([...question.pairs.map((p) => p.id), ...question.distractors.map((d) => d.id)], random),
          random,
          taken,
        ),
      };
    case 'ordering':
      // Always shuffled, uniformly: the positions start blank, so the order shown says nothing
      // (avoiding the right order would give two items away as "the other way round").
      return {
        items: tokensFor(
          shuffled(
            question.items.map((i) => i.id),
            random,
          ),
          random,
          taken,
        ),
      };
    default:
      return {};
  }
}

/**
 * Draws an attempt's questions: for each selection rule, N random questions of its category
 * (all when no count), then shuffles them if the quiz says so. Throws when the bank cannot
 * satisfy the quiz (the course loader refuses such courses, so this is a programming error).
 */
export function drawAttempt(
  definition: QuizDefinition,
  bank: Question[],
  random: Random = cryptoRandom,
): AttemptLayout {
  const drawn: Question[] = [];
  for (const rule of definition.select) {
    const pool = bank.filter((q) => q.category === rule.category && !drawn.includes(q));
    const count = rule.count ?? pool.length;
    if (pool.length < count)
      throw new Error(`quiz ${definition.id}: category ${rule.category} has ${pool.length} of ${count}`);
    drawn.push(...(rule.count === undefined ? pool : shuffled(pool, random).slice(0, count)));
  }
  const ordered = definition.shuffleQuestions ? shuffled(drawn, random) : drawn;
  return {
    questions: ordered.map((question) =>
      question.type === 'scenario'
        ? {
            question,
            display: {},
            parts: Object.fromEntries(question.parts.map((p) => [p.id, layoutOf(p, definition, random)])),
          }
        : { question, display: layoutOf(question, definition, random) },
    ),
  };
}

/** A question laid out in bank order, for staff previews (never for learners: ids are visible). */
export function previewLayout(question: Question): LayoutQuestion {
  const plain = (ids: string[]): Choice[] => ids.map((id) => ({ token: id, id }));
  const layout = (q: PartQuestion): PartLayout => {
    switch (q.type) {
      case 'single':
      case 'multiple':
        return { options: plain(q.options.map((o) => o.id)) };
      case 'matching':
        return {
          prompts: plain(q.pairs.map((p) => p.id)),
          answers: plain([...q.pairs.map((p) => p.id), ...q.distractors.map((d) => d.id)]),
        };
      case 'ordering':
        return { items: plain(q.items.map((i) => i.id)) };
      default:
        return {};
    }
  };
  return question.type === 'scenario'
    ? { question, display: {}, parts: Object.fromEntries(question.parts.map((p) => [p.id, layout(p)])) }
    : { question, display: layout(question) };
}
