import type { Bilingual } from '../schema.ts';
import { ONE_LANGUAGE, Refusal, type Draft, type SourceText } from './draft.ts';
import { LANGUAGE_NAMES, LANGUAGES, splitLanguages } from './multilang.ts';
import { letterId, tidy, toPlain } from './text.ts';

/*
 * The question types both formats share, built from what GIFT and Moodle XML have in common:
 * answers with a percentage weight (Moodle's "fraction") and optional feedback. Weights Tilts
 * cannot express are noted, never silently turned into something else.
 */

/** Moodle stores 100 % as 1.0000000 and GIFT rounds 33.33333; this much is "fully right". */
const FULL = 99.99;

export interface WeightedAnswer {
  text: SourceText;
  /** Percent: 100 fully right, 0 wrong, negative a penalty. */
  weight: number;
  feedback?: SourceText | undefined;
}

const percent = (w: number) => `${Number(w.toFixed(2))} %`;

/** Is there nothing to read in the text (no letters, digits or signs in any language)? */
export function isBlank(source: SourceText): boolean {
  return tidy(toPlain(source.raw, source.format).replace(/\{mlang[^}]*\}/g, '')) === '';
}

/**
 * Single choice (`single`: Moodle's "one answer only") or multiple response. A one-answer
 * question needs exactly one fully right answer; partial credit on others is dropped with a note
 * because Tilts grades single choice right or wrong. In a multiple-answer question every answer
 * with a positive weight is a right option, and Tilts' own partial credit replaces the weights.
 */
export function choiceShape(draft: Draft, answers: WeightedAnswer[], single: boolean) {
  const options = answers.map((a, i) => {
    const id = letterId(i);
    const feedback = draft.optionalBilingual(`the feedback of option ${id}`, a.feedback);
    return {
      id,
      text: draft.bilingual(`option ${id}`, a.text),
      correct: single ? a.weight >= FULL : a.weight > 0,
      ...(feedback ? { feedback } : {}),
    };
  });
  const right = options.filter((o) => o.correct).map((o) => o.id);
  if (right.length === 0) {
    throw new Refusal(
      single
        ? 'no correct answer: no option is fully right (= in GIFT, fraction 100 in Moodle XML)'
        : 'no correct answer: no option is marked right (= or a positive weight such as ~%50% in GIFT, a fraction above 0 in Moodle XML)',
    );
  }
  if (single) {
    if (right.length > 1) {
      throw new Refusal(
        `options ${right.join(', ')} are all fully right in a one-answer question; Tilts single choice has exactly one right option (for "choose all that apply", give the right options partial weights such as ~%50%)`,
      );
    }
    const partial = answers.flatMap((a, i) =>
      a.weight > 0 && a.weight < FULL ? [`${letterId(i)} (${percent(a.weight)})`] : [],
    );
    if (partial.length > 0) {
      draft.note(
        `partial credit dropped: option ${partial.join(', ')} now counts as wrong (Tilts single choice has one right option)`,
      );
    }
    return { type: 'single' as const, options };
  }
  const weights = new Set(answers.filter((a) => a.weight > 0).map((a) => a.weight.toFixed(2)));
  if (weights.size > 1) {
    draft.note(
      'unequal weights of the right options replaced by Tilts partial credit: each right option chosen earns an equal share, each wrong one costs a share',
    );
  }
  return { type: 'multiple' as const, options };
}

/** An answer of a short-answer question: raw text (possibly with language markers), weight, feedback given or not. */
export interface ShortAnswerSource {
  raw: string;
  format: SourceText['format'];
  weight: number;
  hasFeedback: boolean;
}

/**
 * Short answer: the fully right answers become the accepted ones. An answer with language
 * markers is accepted in the languages it names; one without (a name, "UNESCO") in both.
 */
export function shortShape(draft: Draft, answers: ShortAnswerSource[]) {
  const accepted: Record<'lv' | 'en', string[]> = { lv: [], en: [] };
  const add = (lang: 'lv' | 'en', text: string) => {
    const t = tidy(text);
    if (t !== '' && !accepted[lang].some((a) => a.toLowerCase() === t.toLowerCase())) accepted[lang].push(t);
  };
  let feedbackDropped = false;
  for (const answer of answers) {
    const plain = toPlain(answer.raw, answer.format);
    const split = splitLanguages(plain);
    // How the author will recognise the answer in a note: "tulks / interpreter".
    const shown =
      'error' in split ? tidy(plain) : split.marked ? `${tidy(split.lv)} / ${tidy(split.en)}` : tidy(split.text);
    if (answer.weight < FULL) {
      draft.note(
        answer.weight > 0
          ? `partial-credit answer "${shown}" (${percent(answer.weight)}) dropped: Tilts accepts an answer fully or not at all`
          : `answer "${shown}" (0 %, feedback for a wrong answer) dropped`,
      );
      continue;
    }
    if (plain.includes('*')) {
      draft.note(`answer "${shown}" dropped: Tilts compares whole answers and has no * wildcard`);
      continue;
    }
    if ('error' in split) throw new Refusal(`accepted answer "${shown}": ${split.error}`);
    for (const lang of LANGUAGES) add(lang, split.marked ? split[lang] : split.text);
    feedbackDropped ||= answer.hasFeedback;
  }
  if (feedbackDropped) draft.note('feedback on the accepted answers dropped: Tilts shows the general feedback');
  if (accepted.lv.length === 0 && accepted.en.length === 0) {
    throw new Refusal('no correct answer: no answer is fully right (100 %)');
  }
  for (const lang of LANGUAGES) {
    if (accepted[lang].length === 0)
      throw new Refusal(`${ONE_LANGUAGE} — the accepted answers have no ${LANGUAGE_NAMES[lang]}`);
  }
  return { type: 'short' as const, accepted };
}

export interface NumericAnswer {
  /** `*` is Moodle's "any other number", which only carries feedback. */
  value: number | '*';
  tolerance: number;
  weight: number;
  hasFeedback: boolean;
}

/** Rounds away binary noise such as 1.2000000000000002 from a range's midpoint. */
const clean = (n: number) => Number(n.toPrecision(12));

/** Numeric: one fully right number ± tolerance; other weighted numbers are noted and dropped. */
export function numericShape(draft: Draft, answers: NumericAnswer[], unit?: Bilingual) {
  const numbers = answers.filter((a): a is NumericAnswer & { value: number } => a.value !== '*');
  const full = numbers.filter((a) => a.weight >= FULL);
  if (full.length === 0) throw new Refusal('no correct answer: no number is fully right (100 %)');
  if (full.length > 1) {
    throw new Refusal(
      `several numbers are fully right (${full.map((a) => a.value).join(', ')}): Tilts numeric questions have one answer ± tolerance`,
    );
  }
  const partial = numbers.filter((a) => a.weight > 0 && a.weight < FULL);
  if (partial.length > 0) {
    draft.note(`partial credit dropped for ${partial.map((a) => `${a.value} (${percent(a.weight)})`).join(', ')}`);
  }
  const right = full[0] as NumericAnswer & { value: number };
  if (right.hasFeedback) draft.note('feedback on the right number dropped: Tilts shows the general feedback');
  return {
    type: 'numeric' as const,
    answer: clean(right.value),
    tolerance: clean(Math.abs(right.tolerance)),
    ...(unit ? { unit } : {}),
  };
}

/** Matching: a pair with an empty prompt is an extra answer that matches nothing (a distractor). */
export function matchingShape(draft: Draft, pairs: { prompt: SourceText; answer: SourceText }[]) {
  const real = pairs.filter((p) => !isBlank(p.prompt));
  const extra = pairs.filter((p) => isBlank(p.prompt));
  return {
    type: 'matching' as const,
    pairs: real.map((p, i) => {
      const id = letterId(i);
      return {
        id,
        prompt: draft.bilingual(`the prompt of pair ${id}`, p.prompt),
        answer: draft.bilingual(`the answer of pair ${id}`, p.answer),
      };
    }),
    distractors: extra.map((p, i) => {
      const id = letterId(real.length + i);
      return { id, text: draft.bilingual(`extra answer ${id}`, p.answer) };
    }),
  };
}

/** Ordering: the items already in their right order. */
export function orderingShape(draft: Draft, items: SourceText[]) {
  return {
    type: 'ordering' as const,
    items: items.map((text, i) => ({ id: letterId(i), text: draft.bilingual(`item ${letterId(i)}`, text) })),
  };
}
