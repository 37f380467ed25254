import { describe, expect, it } from 'vitest';
import { questionSchema, type Question, type Response } from './schema.ts';
import { normaliseAnswer, percentOf, scoreQuestion } from './scoring.ts';

const t = (s: string) => ({ lv: `${s} (lv)`, en: s });
const q = (raw: unknown): Question => questionSchema.parse(raw);

const single = q({
  id: 'single',
  category: 'c',
  type: 'single',
  text: t('Who interprets?'),
  points: 2,
  options: [
    { id: 'a', text: t('A trained interpreter'), correct: true },
    { id: 'b', text: t('The patient’s child') },
    { id: 'c', text: t('A neighbour') },
  ],
});
const multiple = q({
  id: 'multiple',
  category: 'c',
  type: 'multiple',
  text: t('Which help?'),
  options: [
    { id: 'a', text: t('Short sentences'), correct: true },
    { id: 'b', text: t('Teach-back'), correct: true },
    { id: 'c', text: t('Speaking louder') },
    { id: 'd', text: t('Idioms') },
  ],
});
const trueFalse = q({ id: 'tf', category: 'c', type: 'true-false', text: t('Japan is high-context.'), answer: true });
const matching = q({
  id: 'match',
  category: 'c',
  type: 'matching',
  text: t('Match'),
  points: 3,
  pairs: [
    { id: 'p1', prompt: t('Hall'), answer: t('context') },
    { id: 'p2', prompt: t('Hofstede'), answer: t('dimensions') },
    { id: 'p3', prompt: t('Bennett'), answer: t('DMIS') },
  ],
  distractors: [{ id: 'x', text: t('Maslow') }],
});
const ordering = q({
  id: 'order',
  category: 'c',
  type: 'ordering',
  text: t('Order'),
  points: 4,
  items: [
    { id: 'i1', text: t('denial') },
    { id: 'i2', text: t('defence') },
    { id: 'i3', text: t('minimisation') },
    { id: 'i4', text: t('acceptance') },
  ],
});
const numeric = q({ id: 'num', category: 'c', type: 'numeric', text: t('Hours?'), answer: 10, tolerance: 0.5 });
const exact = q({ id: 'exact', category: 'c', type: 'numeric', text: t('Sum?'), answer: 0.3 });
const short = q({
  id: 'short',
  category: 'c',
  type: 'short',
  text: t('Method?'),
  accepted: { lv: ['atstāstīšana', 'atstāstīšanas metode'], en: ['teach-back'] },
  ignoreDiacritics: true,
});
const strictShort = q({
  id: 'strict',
  category: 'c',
  type: 'short',
  text: t('Word?'),
  accepted: { lv: ['ķēde'], en: ['chain'] },
});
const scenario = q({
  id: 'case',
  category: 'c',
  type: 'scenario',
  text: t('A parent meeting…'),
  parts: [
    { ...trueFalse, id: 'part-tf' },
    { ...single, id: 'part-single' },
  ],
});

const cases: [string, Question, Response | undefined, number][] = [
  ['single right', single, { type: 'single', optionId: 'a' }, 2],
  ['single wrong', single, { type: 'single', optionId: 'b' }, 0],
  ['single unknown option', single, { type: 'single', optionId: 'zzz' }, 0],
  ['single unanswered', single, undefined, 0],
  ['single null', single, { type: 'single', optionId: null }, 0],
  ['multiple all right', multiple, { type: 'multiple', optionIds: ['a', 'b'] }, 1],
  ['multiple half right', multiple, { type: 'multiple', optionIds: ['a'] }, 0.5],
  ['multiple right and wrong', multiple, { type: 'multiple', optionIds: ['a', 'b', 'c'] }, 0.5],
  ['multiple everything', multiple, { type: 'multiple', optionIds: ['a', 'b', 'c', 'd'] }, 0],
  ['multiple only wrong (floor 0)', multiple, { type: 'multiple', optionIds: ['c', 'd'] }, 0],
  ['multiple none', multiple, { type: 'multiple', optionIds: [] }, 0],
  ['true-false right', trueFalse, { type: 'true-false', value: true }, 1],
  ['true-false wrong', trueFalse, { type: 'true-false', value: false }, 0],
  ['true-false unanswered', trueFalse, { type: 'true-false', value: null }, 0],
  ['matching all', matching, { type: 'matching', pairs: { p1: 'p1', p2: 'p2', p3: 'p3' } }, 3],
  ['matching two of three', matching, { type: 'matching', pairs: { p1: 'p1', p2: 'p3', p3: 'p3' } }, 2],
  ['matching distractor', matching, { type: 'matching', pairs: { p1: 'x' } }, 0],
  ['ordering right', ordering, { type: 'ordering', order: ['i1', 'i2', 'i3', 'i4'] }, 4],
  ['ordering two swapped', ordering, { type: 'ordering', order: ['i2', 'i1', 'i3', 'i4'] }, 2],
  ['ordering reversed', ordering, { type: 'ordering', order: ['i4', 'i3', 'i2', 'i1'] }, 0],
  ['ordering incomplete', ordering, { type: 'ordering', order: ['i1'] }, 1],
  ['numeric exact', numeric, { type: 'numeric', value: 10 }, 1],
  ['numeric within tolerance', numeric, { type: 'numeric', value: 10.5 }, 1],
  ['numeric outside tolerance', numeric, { type: 'numeric', value: 10.6 }, 0],
  ['numeric binary fraction', exact, { type: 'numeric', value: 0.1 + 0.2 }, 1],
  ['numeric NaN', numeric, { type: 'numeric', value: Number.NaN }, 0],
  ['short exact', short, { type: 'short', text: 'atstāstīšana' }, 1],
  ['short case and spaces', short, { type: 'short', text: '  ATSTĀSTĪŠANAS   metode ' }, 1],
  ['short without diacritics', short, { type: 'short', text: 'atstastisana' }, 1],
  ['short other language', short, { type: 'short', text: 'Teach-Back' }, 1],
  ['short wrong', short, { type: 'short', text: 'tulkošana' }, 0],
  ['short empty', short, { type: 'short', text: '   ' }, 0],
  ['short diacritics required', strictShort, { type: 'short', text: 'kede' }, 0],
  ['short diacritics given, capitalised', strictShort, { type: 'short', text: 'ĶĒDE' }, 1],
  ['wrong response type', single, { type: 'true-false', value: true }, 0],
  [
    'scenario both parts',
    scenario,
    {
      type: 'scenario',
      parts: { 'part-tf': { type: 'true-false', value: true }, 'part-single': { type: 'single', optionId: 'a' } },
    },
    3,
  ],
  ['scenario one part', scenario, { type: 'scenario', parts: { 'part-single': { type: 'single', optionId: 'a' } } }, 2],
  ['scenario unanswered', scenario, undefined, 0],
];

describe('scoreQuestion', () => {
  it.each(cases)('%s', (_name, question, response, earned) => {
    expect(scoreQuestion(question, response).earned).toBeCloseTo(earned, 4);
  });

  it('scores thirds without floating-point dust', () => {
    expect(scoreQuestion(matching, { type: 'matching', pairs: { p1: 'p1' } })).toEqual({ earned: 1, points: 3 });
    const third = q({ ...matching, points: 1 });
    expect(scoreQuestion(third, { type: 'matching', pairs: { p1: 'p1' } }).earned).toBe(0.3333);
  });

  it('gives a scenario its parts’ points and scores', () => {
    const score = scoreQuestion(scenario, {
      type: 'scenario',
      parts: { 'part-tf': { type: 'true-false', value: false } },
    });
    expect(score.points).toBe(3);
    expect(score.parts?.['part-tf']).toEqual({ earned: 0, points: 1 });
  });
});

describe('helpers', () => {
  it('normalises answers (Latvian lower case, optional diacritics)', () => {
    expect(normaliseAnswer(' Ģimenes  ĀRSTS ', false)).toBe('ģimenes ārsts');
    expect(normaliseAnswer(' Ģimenes  ĀRSTS ', true)).toBe('gimenes arsts');
  });
  it('computes percentages', () => {
    expect(percentOf(2, 3)).toBe(66.67);
    expect(percentOf(0, 0)).toBe(0);
  });
});

describe('question schema', () => {
  it.each([
    [
      'a single choice with two right options',
      { ...single, options: single.type === 'single' ? single.options.map((o) => ({ ...o, correct: true })) : [] },
    ],
    [
      'a multiple response with no right option',
      {
        ...multiple,
        options: [
          { id: 'a', text: t('x') },
          { id: 'b', text: t('y') },
        ],
      },
    ],
    [
      'duplicate option ids',
      {
        ...single,
        options: [
          { id: 'a', text: t('x'), correct: true },
          { id: 'a', text: t('y') },
        ],
      },
    ],
    ['a missing English text', { ...trueFalse, text: { lv: 'Tikai latviski' } }],
    ['an unknown type', { ...trueFalse, type: 'essay' }],
  ])('refuses %s', (_name, raw) => {
    expect(questionSchema.safeParse(raw).success).toBe(false);
  });
});
