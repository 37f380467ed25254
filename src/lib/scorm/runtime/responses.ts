import { checkLocalized, checkNumber, checkText, clip, isShortIdentifier, checkIdentifier } from './formats.ts';
import type { NumberType } from './data-model.ts';

/**
 * SCORM 2004 `cmi.interactions.n.learner_response` and `cmi.interactions.n.correct_responses.n.pattern`:
 * their format depends on the interaction's type (2004 RTE 4.2.9.1, table of correct response
 * patterns, and 4.2.9.2, learner response formats). Lists are separated by `[,]`, pairs by `[.]`,
 * numeric ranges by `[:]`.
 *
 * The checks follow what scorm-again does when it loads a value, where that is stricter than the
 * spec, because a stored value it refuses would break the learner's next launch:
 * - a value without any `[,]` is split at bare commas (`\,` keeps a comma), and a pair without
 *   `[.]` at bare dots; so `a,b` is two choices, as scorm-again reads it;
 * - a correct pattern has no surrounding spaces in it or its parts, no repeated parts (except
 *   numeric ranges and long-fill-in), and no comma at all in single-value types.
 */

type Check = (value: string) => string | null;

const REAL: NumberType = { kind: 'number', digits: 10 };
const real: Check = (v) => checkNumber(v, REAL, '2004');
const trueFalse: Check = (v) => (v === 'true' || v === 'false' ? null : `"${clip(v)}" is neither true nor false`);
const shortId: Check = (v) =>
  isShortIdentifier(v) ? null : `"${clip(v)}" is not a short identifier (URI characters, at most 250)`;
const longId: Check = (v) => checkIdentifier(v, '2004');

/** scorm-again's split: at the bracketed delimiter if there is one, else at unescaped bare ones. */
function split(value: string, bracketed: '[,]' | '[.]' | '[:]'): string[] {
  if (value.includes(bracketed)) return value.split(bracketed);
  const bare = bracketed[1] ?? '';
  return value.split(new RegExp(`(?<!\\\\)\\${bare}`)).map((part) => part.replaceAll(`\\${bare}`, bare));
}

/** A performance step splits at its first delimiter only: the answer may contain more. */
function splitFirst(value: string): string[] {
  const bracketed = value.indexOf('[.]');
  if (bracketed >= 0) return [value.slice(0, bracketed), value.slice(bracketed + 3)];
  const bare = /(?<!\\)\./.exec(value);
  const unescape = (part: string) => part.replaceAll('\\.', '.');
  return bare ? [unescape(value.slice(0, bare.index)), unescape(value.slice(bare.index + 1))] : [unescape(value)];
}

/** 4.2.9.1 performance step answer: text of 1–250 without delimiters (a pattern may give a `min[:]max` range). */
function stepAnswer(answer: string, rangeAllowed: boolean): string | null {
  if (answer === '') return null;
  if (rangeAllowed && /^(?:-?\d+(?:\.\d+)?)?\[:\](?:-?\d+(?:\.\d+)?)?$/.test(answer)) return null;
  if (answer.length > 250) return `a step answer is ${answer.length} characters long; at most 250 are allowed`;
  return /\[[,.:]\]/.test(answer) ? `the step answer "${clip(answer)}" contains a delimiter` : null;
}

function performanceStep(step: string, isPattern: boolean): string | null {
  const record = isPattern ? step.replace(/^(?:\{(?:lang|case_matters|order_matters)=[^}]+\})+/, '') : step;
  const [name, answer, ...rest] = splitFirst(record);
  if (answer === undefined || rest.length > 0) return `the step "${clip(step)}" is not step_name[.]step_answer`;
  if (name === '' && answer === '') return 'a step has neither a name nor an answer';
  if (name !== undefined && name !== '' && !isShortIdentifier(name))
    return `the step name "${clip(name)}" is not a short identifier`;
  return stepAnswer(answer, isPattern);
}

function matchingPair(pair: string, isPattern: boolean): string | null {
  const parts = split(pair, '[.]');
  if (parts.length !== 2 || (isPattern && parts.some((p) => p === ''))) return `"${clip(pair)}" is not source[.]target`;
  return parts.map(shortId).find((problem) => problem !== null) ?? null;
}

const localized =
  (max: number): Check =>
  (v) =>
    checkLocalized(v, max);

interface TypeRules {
  /** At most this many `[,]`-separated entries (1: a single value, never split). */
  max: number;
  learner: Check;
  pattern: Check;
  /** The learner's entries must differ (choice). */
  uniqueLearner?: true;
}

const RULES: Record<string, TypeRules> = {
  'true-false': { max: 1, learner: trueFalse, pattern: trueFalse },
  // Spec: short identifiers; scorm-again reads long ones, which a SCO may therefore have set.
  choice: { max: 36, learner: longId, pattern: longId, uniqueLearner: true },
  // A pattern entry may start with {case_matters=…}{order_matters=…}{lang=…}: scorm-again counts
  // them in its 250. It reads a long-fill-in pattern as a plain localized string.
  'fill-in': { max: 10, learner: localized(250), pattern: (v) => checkText(v, 250, true) },
  'long-fill-in': { max: 1, learner: localized(4000), pattern: localized(4000) },
  likert: { max: 1, learner: shortId, pattern: shortId },
  matching: { max: 36, learner: (v) => matchingPair(v, false), pattern: (v) => matchingPair(v, true) },
  performance: { max: 250, learner: (v) => performanceStep(v, false), pattern: (v) => performanceStep(v, true) },
  sequencing: { max: 36, learner: shortId, pattern: shortId },
  numeric: { max: 1, learner: real, pattern: numericRange },
  other: { max: 1, learner: (v) => checkText(v, 4000), pattern: (v) => checkText(v, 4000, true) },
};

/** 4.2.9.1 numeric pattern: a number, or `min[:]max` with either end left open. */
function numericRange(value: string): string | null {
  const ends = split(value, '[:]');
  if (ends.length > 2) return `"${clip(value)}" is not a number or a range min[:]max`;
  if (ends.length === 1) return real(value);
  const [min = '', max = ''] = ends;
  const problem = [min, max]
    .filter((end) => end !== '')
    .map(real)
    .find((p) => p !== null);
  if (problem) return problem;
  if (min !== '' && max !== '' && Number(min) > Number(max)) return `the range ${min}[:]${max} runs backwards`;
  return null;
}

/** The learner's response to an interaction of `type` (a known 2004 type). */
export function checkLearnerResponse(type: string, value: string): string | null {
  const rules = RULES[type];
  if (!rules) return `the interaction type "${clip(type)}" has no response format`;
  const entries = rules.max === 1 ? [value] : split(value, '[,]');
  if (entries.length > rules.max) return `has ${entries.length} entries; a ${type} response has at most ${rules.max}`;
  for (const entry of entries) {
    const problem = rules.learner(entry);
    if (problem) return `is not a valid ${type} response: ${problem}`;
  }
  if (rules.uniqueLearner && new Set(entries).size !== entries.length) return `repeats an entry of a ${type} response`;
  return null;
}

/** One correct response pattern of an interaction of `type` (a known 2004 type). */
export function checkPattern(type: string, value: string): string | null {
  const rules = RULES[type];
  if (!rules) return `the interaction type "${clip(type)}" has no pattern format`;
  const entries = rules.max === 1 ? [value] : split(value, '[,]');
  if ([value, ...entries].some((part) => part.trim() !== part)) return 'has spaces at the start or end of a part';
  if (rules.max === 1 && value.includes(',')) return `contains a comma, which a ${type} pattern cannot have`;
  if (entries.length > rules.max) return `has ${entries.length} entries; a ${type} pattern has at most ${rules.max}`;
  if (type !== 'long-fill-in' && type !== 'numeric' && new Set(entries).size !== entries.length) {
    return `repeats an entry of a ${type} pattern`;
  }
  for (const entry of entries) {
    const problem = rules.pattern(entry);
    if (problem) return `is not a valid ${type} pattern: ${problem}`;
  }
  return null;
}
